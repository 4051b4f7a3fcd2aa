package callcheck.http;

import callcheck.support.ProposalJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile bodies, each refused with a 4xx and the contract's error body naming the field where one is
 * at fault; after all of them a good proposal is still answered right.
 */
class HostileBodiesTest {
    private static final String GOOD_EXAMPLE = "507/eligible-tielt-pittem.json";
    private static final String PATH = "/v1/calls/507/evaluations";
    private static TestServer api;

    @BeforeAll
    static void start() {
        api = TestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A body, the status it must get, and the field its error must name (null: the body as a whole is wrong). */
    record Hostile(String name, byte[] body, int status, String field) {
        static Hostile of(String name, String body, int status, String field) {
            return new Hostile(name, body.getBytes(StandardCharsets.UTF_8), status, field);
        }
    }

    private static String good() {
        return ProposalJson.from(GOOD_EXAMPLE).text();
    }

    private static ProposalJson edit() {
        return ProposalJson.from(GOOD_EXAMPLE);
    }

    /** The good proposal with one literal JSON text swapped in for another, for what ProposalJson cannot write. */
    private static String replace(String from, String to) {
        String g = good();
        assertThat(g).contains(from);
        return g.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    static List<Hostile> corpus() {
        String good = good();
        List<Hostile> c = new ArrayList<>();
        // Not JSON at all, or cut short.
        c.add(Hostile.of("empty body", "", 400, null));
        c.add(Hostile.of("only whitespace", "  \n\t ", 400, null));
        c.add(Hostile.of("a lone brace", "{", 400, null));
        c.add(Hostile.of("truncated in the middle", good.substring(0, good.length() / 2), 400, null));
        c.add(Hostile.of("truncated before the last brace", good.substring(0, good.length() - 1), 400, null));
        c.add(Hostile.of("corrupted: a colon turned into a semicolon", replace("\"submittedOn\":", "\"submittedOn\";"), 400, "submittedOn"));
        c.add(Hostile.of("corrupted: a quote dropped", replace("\"title\":\"", "\"title\":"), 400, "title"));
        c.add(Hostile.of("trailing garbage after the object", good + "xyz", 400, null));
        c.add(Hostile.of("two objects", good + good, 400, null));
        c.add(Hostile.of("single-quoted names", "{'submittedOn': '2020-10-01'}", 400, null));
        c.add(Hostile.of("a comment", "{/* hi */ \"submittedOn\": \"2020-10-01\"}", 400, null));
        c.add(Hostile.of("an unescaped control character in a string", replace("\"title\":\"", "\"title\":\"a\u0001"), 400, "title"));
        c.add(new Hostile("invalid UTF-8 bytes in a string", invalidUtf8(good), 400, "title"));
        c.add(Hostile.of("an unpaired UTF-16 surrogate in a string", replace("\"title\":\"", "\"title\":\"\\ud800"), 400, "title"));
        c.add(Hostile.of("an unpaired UTF-16 surrogate in a partner's name", replace("\"name\":\"vzw", "\"name\":\"\\udfffvzw"), 400, "partners[0].name"));
        c.add(new Hostile("binary noise", noise(), 400, null));
        // Not an object.
        c.add(Hostile.of("null", "null", 400, null));
        c.add(Hostile.of("an empty array", "[]", 400, null));
        c.add(Hostile.of("the proposal inside an array", "[" + good + "]", 400, null));
        c.add(Hostile.of("a string", "\"proposal\"", 400, null));
        c.add(Hostile.of("a number", "42", 400, null));
        c.add(Hostile.of("true", "true", 400, null));
        c.add(Hostile.of("the proposal wrapped in another object", "{\"proposal\": " + good + "}", 400, "proposal"));
        // Numbers JSON does not have, or that no proposal has.
        c.add(Hostile.of("NaN", replace("\"totalCost\":80000", "\"totalCost\":NaN"), 400, "financing.totalCost"));
        c.add(Hostile.of("Infinity", replace("\"totalCost\":80000", "\"totalCost\":Infinity"), 400, "financing.totalCost"));
        c.add(Hostile.of("a leading zero", replace("\"totalCost\":80000", "\"totalCost\":080000"), 400, "financing.totalCost"));
        c.add(Hostile.of("a hexadecimal number", replace("\"totalCost\":80000", "\"totalCost\":0x13880"), 400, "financing.totalCost"));
        c.add(Hostile.of("a number of 5000 digits", replace("\"totalCost\":80000", "\"totalCost\":" + "9".repeat(5000)), 400, "financing.totalCost"));
        c.add(Hostile.of("a huge exponent", replace("\"totalCost\":80000", "\"totalCost\":1e999999999"), 400, "financing.totalCost"));
        c.add(Hostile.of("an amount above a billion", edit().json("financing.totalCost", "1e12").text(), 400, "financing.totalCost"));
        c.add(Hostile.of("a negative amount", edit().json("financing.amif", "-1").text(), 400, "financing.amif"));
        c.add(Hostile.of("three decimals", edit().json("financing.own", "40000.001").text(), 400, "financing.own"));
        c.add(Hostile.of("a tiny exponent", edit().json("financing.vvsg", "2e-5").text(), 400, "financing.vvsg"));
        c.add(Hostile.of("negative hours", edit().json("trajectories[0].hoursPerParticipant", "-40").text(), 400, "trajectories[0].hoursPerParticipant"));
        c.add(Hostile.of("a billion hours", edit().json("trajectories[0].hoursPerParticipant", "1e9").text(), 400, "trajectories[0].hoursPerParticipant"));
        // Wrong types, and scalars that must not be coerced.
        c.add(Hostile.of("an amount as a string", edit().set("financing.totalCost", "80000").text(), 400, "financing.totalCost"));
        c.add(Hostile.of("an amount as a boolean", edit().set("financing.totalCost", true).text(), 400, "financing.totalCost"));
        c.add(Hostile.of("an amount as an object", edit().json("financing.totalCost", "{}").text(), 400, "financing.totalCost"));
        c.add(Hostile.of("an amount as an array", edit().json("financing.totalCost", "[80000]").text(), 400, "financing.totalCost"));
        c.add(Hostile.of("a boolean as a string", edit().set("financing.annexIV", "false").text(), 400, "financing.annexIV"));
        c.add(Hostile.of("a boolean as a number", edit().set("partners[0].legalPersonality", 1).text(), 400, "partners[0].legalPersonality"));
        c.add(Hostile.of("a string as a number", edit().set("title", 12).text(), 400, "title"));
        c.add(Hostile.of("a NIS code as a number", edit().set("applicant.nis", 37015).text(), 400, "applicant.nis"));
        c.add(Hostile.of("an object as a string", edit().set("financing", "80000").text(), 400, "financing"));
        c.add(Hostile.of("an object as an array", edit().json("applicant", "[]").text(), 400, "applicant"));
        c.add(Hostile.of("an array as an object", edit().json("coApplicants", "{\"name\": \"Gemeente Pittem\"}").text(), 400, "coApplicants"));
        c.add(Hostile.of("an array as a single value", edit().set("partners[0].experience", "NEWCOMER_PARTICIPATION").text(), 400, "partners[0].experience"));
        c.add(Hostile.of("a number in a list of objects", edit().json("actions", "[1]").text(), 400, "actions[0]"));
        // Dates that are not dates.
        c.add(Hostile.of("a date that does not exist", edit().set("submittedOn", "2020-02-30").text(), 400, "submittedOn"));
        c.add(Hostile.of("a date written the Belgian way", edit().set("submittedOn", "01/10/2020").text(), 400, "submittedOn"));
        c.add(Hostile.of("a date with a time", edit().set("submittedOn", "2020-10-01T10:00:00").text(), 400, "submittedOn"));
        c.add(Hostile.of("a date as a number", edit().set("submittedOn", 20201001).text(), 400, "submittedOn"));
        c.add(Hostile.of("a period that ends before it starts", edit().set("period.end", "2020-12-31").text(), 400, "period.end"));
        // Values outside the contract.
        c.add(Hostile.of("an unknown organisation kind", edit().set("applicant.kind", "CITY").text(), 400, "applicant.kind"));
        c.add(Hostile.of("an enum value in lower case", edit().set("applicant.kind", "municipality").text(), 400, "applicant.kind"));
        c.add(Hostile.of("an enum value as its number", edit().set("applicant.kind", 0).text(), 400, "applicant.kind"));
        c.add(Hostile.of("an unknown region", edit().set("region", "MARS").text(), 400, "region"));
        c.add(Hostile.of("an unknown target group", edit().json("targetGroups", "[\"ALIENS\"]").text(), 400, "targetGroups[0]"));
        c.add(Hostile.of("a NIS code of four digits", edit().set("applicant.nis", "3701").text(), 400, "applicant.nis"));
        c.add(Hostile.of("a member code that is not a NIS code", edit().json("applicant.members", "[\"abcde\"]").text(), 400, "applicant.members[0]"));
        // Nulls where a list needs values, absent required facts.
        c.add(Hostile.of("no submission date", edit().remove("submittedOn").text(), 400, "submittedOn"));
        c.add(Hostile.of("a null submission date", edit().set("submittedOn", null).text(), 400, "submittedOn"));
        c.add(Hostile.of("null in a list of enums", edit().json("commitments", "[null]").text(), 400, "commitments[0]"));
        c.add(Hostile.of("null in a list of trajectories", edit().json("trajectories", "[null]").text(), 400, "trajectories[0]"));
        c.add(Hostile.of("null in the co-applicants", edit().json("coApplicants", "[null]").text(), 400, "coApplicants[0]"));
        c.add(Hostile.of("null in the partners", edit().json("partners", "[null]").text(), 400, "partners[0]"));
        // Unknown and duplicate fields: a typo must never pass as a missing fact.
        c.add(Hostile.of("an unknown top-level field", edit().set("budget", 1).text(), 400, "budget"));
        c.add(Hostile.of("a typo in a nested field", edit().set("financing.totalcost", 1).text(), 400, "financing.totalcost"));
        c.add(Hostile.of("an unknown field in a list element", edit().set("partners[0].website", "x").text(), 400, "partners[0].website"));
        c.add(Hostile.of("a duplicate top-level key", replace("{\"submittedOn\":\"2020-10-01\"", "{\"submittedOn\":\"2020-10-01\",\"submittedOn\":\"2020-10-02\""), 400, "submittedOn"));
        c.add(Hostile.of("a duplicate nested key", replace("\"amif\":20000", "\"amif\":20000,\"amif\":1"), 400, "financing.amif"));
        // Sizes meant to exhaust the server.
        c.add(Hostile.of("a string of 30000 characters", edit().set("title", "x".repeat(30_000)).text(), 400, "title"));
        c.add(Hostile.of("10000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), 400, null));
        c.add(Hostile.of("deeply nested objects in a field", "{\"title\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001), 400, "title"));
        c.add(Hostile.of("a body over 256 KB", edit().set("title", "x".repeat(300_000)).text(), 413, null));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileBodyIsRefusedWithAnErrorBodyThenAGoodOneStillWorks() {
        List<Hostile> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
        Stream<DynamicTest> hostile = corpus.stream().map(h -> DynamicTest.dynamicTest(h.name(), () -> {
            TestServer.Response r = api.sendMayBeRefusedEarly(api.postRequest(PATH, "application/json", h.body()));
            assertThat(r.status()).as(h.name() + ": " + r.body()).isEqualTo(h.status());
            assertThat(r.contentType()).startsWith("application/json");
            JsonNode error = r.error();
            assertThat(error).as(r.body()).isNotNull();
            assertThat(error.get("code").asText()).isNotBlank();
            assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("callcheck.")
                    .doesNotContain("com.fasterxml").doesNotContain("\tat ");
            assertThat(error.has("field")).isTrue();
            if (h.field() == null) assertThat(error.get("field").isNull()).as(r.body()).isTrue();
            else assertThat(error.get("field").asText()).as(r.body()).isEqualTo(h.field());
        }));
        Stream<DynamicTest> after = Stream.of(DynamicTest.dynamicTest("a good proposal after all of them", () -> {
            TestServer.Response r = api.postJson(PATH, good());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("verdict").asText()).isEqualTo("ELIGIBLE");
            assertThat(api.get("/health").status()).isEqualTo(200);
        }));
        return Stream.concat(hostile, after);
    }

    private static byte[] invalidUtf8(String good) {
        byte[] b = good.replaceFirst("\"title\":\"S", "\"title\":\"\u0000S").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) if (b[i] == 0) { b[i] = (byte) 0xC3; }
        // 0xC3 followed by an ASCII letter is not valid UTF-8
        return b;
    }

    private static byte[] noise() {
        byte[] b = new byte[4096];
        new java.util.Random(507).nextBytes(b);
        return b;
    }
}
