package callcheck.pack;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pack version's {@code pack.yaml}: what the call is, which submissions the version governs, the documents
 * its rules cite and the parameters (the call's numbers) they use. The texts a page shows are in English, each with
 * its Dutch counterpart beside it, named as {@code @titleNl} is: {@code programmeNl}, {@code descriptionNl},
 * {@code assumptionNl}, {@code sectionNl}, {@code textNl}. A Dutch counterpart is required where the English is
 * given ({@code validate} refuses the pack otherwise), except {@code sectionNl}, for a section the call names in
 * Dutch already, and {@code programmeNl}.
 */
public record Manifest(
        @JsonProperty(required = true) String call,
        @JsonProperty(required = true) String title,
        @JsonProperty(required = true) String programme,
        String programmeNl,
        @JsonProperty(required = true) String version,
        @JsonProperty(required = true) Submissions submissions,
        @JsonProperty(required = true) Map<String, Document> documents,
        Map<String, ParameterSpec> parameters,
        Map<String, AssumptionSpec> assumptions,
        List<String> include) {

    public Manifest {
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        assumptions = assumptions == null ? Map.of() : new LinkedHashMap<>(assumptions);
        include = include == null ? List.of() : List.copyOf(include);
    }

    /** The submission dates this version governs, both inclusive; an absent end is open. */
    public record Submissions(@JsonProperty(required = true) LocalDate from, LocalDate until, String assumption,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String assumptionNl) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && (until == null || !date.isAfter(until));
        }
    }

    /**
     * A document the rules cite, as a reader of a verdict finds it: its title, who issued it, its date, its public
     * address where one exists, and a note on how we know it ({@code reference}); only the title is required.
     */
    public record Document(@JsonProperty(required = true) String title, String issuer, java.time.LocalDate date, String address,
                           String reference) {
        /** The document as the library's API describes it. */
        public callcheck.engine.Document description() {
            return new callcheck.engine.Document(title, issuer, date, address, reference);
        }

        /** How a finding cites it: the title, then who issued it, when, and where it is found, as far as known. */
        public String citation() {
            return description().citation();
        }
    }

    /**
     * One number or date of the call. Either {@code source} says where the call gives it, or {@code assumption}
     * says why we chose it; {@code unknown: true} marks a value the sources do not give at all (value null).
     */
    public record ParameterSpec(@JsonProperty(required = true) String type, Object value, String description, String descriptionNl,
                                SourceRef source, String assumption, String assumptionNl, Boolean unknown) {
    }

    /** An assumption a rule rests on that is not a number (a definition, an interpretation). */
    public record AssumptionSpec(@JsonProperty(required = true) String text, String textNl) {
    }

    /** A citation: a document id of the manifest and the section or passage within it, in English and in Dutch. */
    public record SourceRef(@JsonProperty(required = true) String document, String section, String sectionNl) {
    }
}
