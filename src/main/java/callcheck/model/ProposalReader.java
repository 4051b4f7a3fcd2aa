package callcheck.model;

import callcheck.json.CheckedParser;
import callcheck.json.Json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a client's JSON into a {@link Proposal}, or refuses it with the field that is wrong. Nothing is
 * coerced, rounded or dropped: what cannot be read exactly as sent is an error. The JSON is the proposal of the
 * service's contract (README, {@code /openapi.json}): unknown fields, duplicate keys, a string for a number and
 * the like are refused. Thread-safe; every method throws {@link InvalidProposalException} naming the field.
 */
public final class ProposalReader {
    /** Larger than any AMIF project; an amount above it is a typo or an attack, not a proposal. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    /** Hours per participant above this are not a trajectory but an error. */
    public static final BigDecimal MAX_HOURS = new BigDecimal("10000");
    private static final Pattern NIS = Pattern.compile("\\d{5}");

    private static final ObjectReader READER = Json.strict().readerFor(Proposal.class);

    private ProposalReader() {
    }

    /**
     * Reads a proposal from JSON text.
     *
     * @param json the JSON object
     * @return the proposal, checked as {@link Proposal.Builder#build()} checks
     * @throws InvalidProposalException when the JSON is not a proposal this reader takes, naming the field
     */
    public static Proposal read(String json) {
        try {
            return read(READER.createParser(json));
        } catch (IOException e) {
            throw translate(e, null);
        }
    }

    /**
     * Reads a proposal from JSON bytes (UTF-8, or another Unicode encoding it detects).
     *
     * @param json the JSON object
     * @return the proposal, checked as {@link Proposal.Builder#build()} checks
     * @throws InvalidProposalException when the JSON is not a proposal this reader takes, naming the field
     */
    public static Proposal read(byte[] json) {
        try {
            return read(READER.createParser(json));
        } catch (IOException e) {
            throw translate(e, null);
        }
    }

    /**
     * Reads a proposal from a stream of JSON (UTF-8, or another Unicode encoding it detects), which it closes.
     *
     * @param json the stream, holding one JSON object and nothing after it
     * @return the proposal, checked as {@link Proposal.Builder#build()} checks
     * @throws InvalidProposalException when the JSON is not a proposal this reader takes, naming the field;
     *                                  {@code unreadable} when the stream fails
     */
    public static Proposal read(InputStream json) {
        try {
            return read(READER.createParser(json));
        } catch (IOException e) {
            throw translate(e, null);
        }
    }

    /**
     * Reads through a parser of our own, so that an error can say where in the JSON the parser stood, and that every
     * string is checked to be Unicode as it is read.
     */
    private static Proposal read(JsonParser raw) {
        JsonParser parser = new CheckedParser(raw, null);
        try (parser) {
            return validate(READER.readValue(parser));
        } catch (IOException e) {
            throw translate(e, parser);
        }
    }

    private static InvalidProposalException translate(IOException e, JsonParser parser) {
        CheckedParser.UnpairedSurrogate unpaired = CheckedParser.UnpairedSurrogate.in(e);
        if (unpaired != null) {
            return new InvalidProposalException("invalid_value", unpaired.field(), "the text is not Unicode: it holds an unpaired UTF-16 surrogate");
        }
        // Errors of the JSON text itself (not well-formed, over a limit) come bare or wrapped in a mapping error;
        // either way the parser knows where it stood, which names the field better than the mapping path.
        JsonProcessingException syntax = syntaxError(e);
        if (syntax != null) {
            String field = syntax instanceof JsonEOFException || parser == null ? null : CheckedParser.path(parser);
            String at = syntax.getLocation() == null || syntax.getLocation().getLineNr() < 0 ? ""
                    : " (line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr() + ")";
            if (syntax instanceof StreamConstraintsException) {
                return new InvalidProposalException("too_large", field, "the JSON exceeds a limit: " + plain(syntax.getOriginalMessage()) + at);
            }
            return new InvalidProposalException("malformed_json", field, "the body is not well-formed JSON: " + plain(syntax.getOriginalMessage()) + at);
        }
        if (e instanceof JsonMappingException m) {
            String field = path(m.getPath());
            if (m instanceof UnrecognizedPropertyException u) {
                return new InvalidProposalException("unknown_field", field, "unknown field '" + u.getPropertyName() + "'");
            }
            if (m instanceof InvalidFormatException f && !(f.getValue() instanceof String && isTextual(f.getTargetType()))) {
                // A value of another JSON type: no coercion ("40000" is not a number, 12 not a name).
                return new InvalidProposalException("wrong_type", field, "wrong type" + expected(f.getTargetType()));
            }
            if (m instanceof InvalidFormatException f) {
                String why = f.getCause() instanceof DateTimeParseException ? "not a valid date (YYYY-MM-DD)" : "not a valid value";
                return new InvalidProposalException("invalid_value", field, "'" + f.getValue() + "' is " + why
                        + expected(f.getTargetType()));
            }
            if (m instanceof MismatchedInputException mi) {
                if (field == null && String.valueOf(mi.getOriginalMessage()).startsWith("Trailing token")) {
                    return new InvalidProposalException("malformed_json", null, "the body holds more than one JSON value");
                }
                if (field == null && mi.getTargetType() == Proposal.class) {
                    return new InvalidProposalException("wrong_type", null, "the body must be a JSON object");
                }
                return new InvalidProposalException("wrong_type", field, "wrong type" + expected(mi.getTargetType()));
            }
            if (m.getCause() instanceof DateTimeParseException) {
                return new InvalidProposalException("invalid_value", field, "not a valid date (YYYY-MM-DD)");
            }
            return new InvalidProposalException("invalid_value", field, plain(m.getOriginalMessage()));
        }
        return new InvalidProposalException("unreadable", null, "the body could not be read");
    }

    /** Types a JSON string is the right shape for, whose text may still be invalid (an enum name, a date). */
    private static boolean isTextual(Class<?> type) {
        return type != null && (type.isEnum() || type == String.class || type == java.time.LocalDate.class);
    }

    /** The parse or limit error in the chain, if the JSON text itself is at fault. */
    private static JsonProcessingException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException || t instanceof StreamConstraintsException) return (JsonProcessingException) t;
            if (t.getCause() == t) break;
        }
        return null;
    }

    /** Jackson's message without its advice to programmers (feature flags, the limits' getters). */
    private static String plain(String message) {
        return firstLine(message)
                .replaceAll(" *\\(start marker at \\[[^\\]]*][^)]*\\)", "")
                .replaceAll(" *\\(not recognized as one since Feature '[^']*' not enabled for parser\\)", "")
                .replaceAll(":? *enable `[^`]*`( to allow)?", "")
                .replaceAll(", from `[^`]*`", "")
                .replaceAll("`[^`]*`", "")
                .trim();
    }

    private static String expected(Class<?> type) {
        if (type == null) return "";
        if (type.isEnum()) {
            return ": expected one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == BigDecimal.class) return ": expected a number";
        if (type == String.class) return ": expected a string";
        if (type == Boolean.class || type == boolean.class) return ": expected true or false";
        if (type == java.time.LocalDate.class) return ": expected a date as \"YYYY-MM-DD\"";
        if (List.class.isAssignableFrom(type)) return ": expected an array";
        return ": expected an object";
    }

    /** A JSON path such as {@code partners[1].kind} from Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> refs) {
        if (refs == null || refs.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Checks what the types alone cannot: required fields, amount ranges and precision, date order, codes. */
    static Proposal validate(Proposal p) {
        if (p == null) throw new InvalidProposalException("wrong_type", null, "the body must be a JSON object");
        if (p.getSubmittedOn() == null) {
            throw new InvalidProposalException("required", "submittedOn", "submittedOn is required: it picks the rule version and is checked against deadlines");
        }
        organisation(p.getApplicant(), "applicant");
        list(p.getCoApplicants(), "coApplicants");
        list(p.getPartners(), "partners");
        Period period = p.getPeriod();
        if (period != null && period.getStart() != null && period.getEnd() != null && period.getEnd().isBefore(period.getStart())) {
            throw new InvalidProposalException("invalid_value", "period.end", "the project ends before it starts");
        }
        Financing f = p.getFinancing();
        if (f != null) {
            amount(f.getTotalCost(), "financing.totalCost");
            amount(f.getAmif(), "financing.amif");
            amount(f.getVvsg(), "financing.vvsg");
            amount(f.getOwn(), "financing.own");
        }
        if (p.getTrajectories() != null) {
            for (int i = 0; i < p.getTrajectories().size(); i++) {
                Trajectory t = p.getTrajectories().get(i);
                String at = "trajectories[" + i + "]";
                if (t == null) throw new InvalidProposalException("wrong_type", at, "a trajectory must be an object");
                BigDecimal h = t.getHoursPerParticipant();
                if (h != null && (h.signum() < 0 || h.compareTo(MAX_HOURS) > 0)) {
                    throw new InvalidProposalException("invalid_value", at + ".hoursPerParticipant",
                            "hours per participant must be between 0 and " + MAX_HOURS.toPlainString());
                }
            }
        }
        noNulls(p.getActions(), "actions");
        noNulls(p.getTargetGroups(), "targetGroups");
        noNulls(p.getAims(), "aims");
        noNulls(p.getCommitments(), "commitments");
        p.freeze();
        return p;
    }

    private static void list(List<Organisation> orgs, String field) {
        for (int i = 0; i < orgs.size(); i++) {
            if (orgs.get(i) == null) throw new InvalidProposalException("wrong_type", field + "[" + i + "]", "an organisation must be an object");
            organisation(orgs.get(i), field + "[" + i + "]");
        }
    }

    private static void organisation(Organisation o, String field) {
        if (o == null) {
            return;
        }
        if (o.getNis() != null && !NIS.matcher(o.getNis()).matches()) {
            throw new InvalidProposalException("invalid_value", field + ".nis", "a NIS code has five digits");
        }
        if (o.getMembers() != null) {
            for (int i = 0; i < o.getMembers().size(); i++) {
                String m = o.getMembers().get(i);
                if (m == null || !NIS.matcher(m).matches()) {
                    throw new InvalidProposalException("invalid_value", field + ".members[" + i + "]", "a NIS code has five digits");
                }
            }
        }
        noNulls(o.getExperience(), field + ".experience");
    }

    private static void noNulls(List<?> values, String field) {
        if (values == null) return;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidProposalException("wrong_type", field + "[" + i + "]", "null is not allowed in a list");
            }
        }
    }

    private static void amount(BigDecimal a, String field) {
        if (a == null) return;
        if (a.signum() < 0) throw new InvalidProposalException("invalid_amount", field, "an amount cannot be negative");
        if (a.stripTrailingZeros().scale() > 2) {
            throw new InvalidProposalException("invalid_amount", field, "an amount has at most two decimals (euro cents)");
        }
        if (a.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidProposalException("invalid_amount", field, "an amount above " + MAX_AMOUNT.toPlainString() + " euro is not plausible");
        }
    }
}
