package callcheck.pack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What keeps a pack's evaluations off the caller's thread: code that a halt might not stop. */
class HaltCheckTest {
    private static final String HEAD = """
            package callcheck.rules.c1;

            import callcheck.rules.Evaluation;
            import callcheck.model.Proposal;
            import java.math.BigDecimal;
            import java.util.List;

            """;

    private static String rule(String when, String then) {
        return HEAD + "rule \"R\"\n    @id(\"R\") @nl(\"Voor elk: while (true) {}\") @en(\"for each -> stream\")\nwhen\n    $e : Evaluation()\n    "
                + when + "\nthen\n    " + then + "\nend\n";
    }

    private static String check(String drl) {
        return HaltCheck.firstUnstoppable("c1/v/r.drl", drl);
    }

    @Test
    void rulesOfTheModelAndTheHelpersAreStoppedByAHalt() {
        // Words in strings and comments are not code; the agenda's own loops are halted between firings.
        assertThat(check(rule("$p : Proposal(title != null) // while (true)", "/* for (;;) */ update($p); $e.report(drools);"))).isNull();
        assertThat(check(rule("Proposal($n : partners.size() > BigDecimal.ONE.intValue())", "$e.report(drools, \"for\", 'x');"))).isNull();
    }

    @Test
    void loopsFunctionsAndRegularExpressionsAreNot() {
        assertThat(check(rule("Proposal()", "int i = 0;\n    while (i >= 0) { i++; }"))).isEqualTo("c1/v/r.drl:15: \"while\"");
        assertThat(check(rule("Proposal()", "for (int i = 0; i < 3; i++) {}"))).contains("\"for\"");
        assertThat(check(rule("Proposal()", "for (;;) {}"))).contains("\"for\"");
        // A walk over a list or an array ends with it.
        assertThat(check(rule("$p : Proposal()", "List<String> n = new java.util.ArrayList<>();\n    for (Object o : $p.getPartners()) n.add(\"x\");\n"
                + "    for (int i : new int[] {1, 2}) { n.add(\"y\"); }"))).isNull();
        assertThat(check(rule("Proposal(title matches \"(a+)+b\")", "$e.report(drools);"))).contains("\"matches\"");
        assertThat(check(rule("Proposal()", "String[] s = \"a,b\".split(\",\");"))).contains("\"split\"");
        assertThat(check(HEAD + "function int f(int n) { return n <= 0 ? 0 : f(n - 1); }\n")).contains("\"function\"");
        assertThat(check(rule("$p : Proposal()", "$p.getPartners().forEach(x -> {});"))).contains("lambda");
        assertThat(check(rule("Proposal()", "synchronized (this) {}"))).contains("\"synchronized\"");
    }

    @Test
    void classesOutsideTheModelAreNot() {
        assertThat(check(HEAD.replace("import java.util.List;", "import callcheck.support.Hang;"))).isEqualTo("c1/v/r.drl:6: imports callcheck.support.Hang");
        assertThat(check(HEAD.replace("import java.util.List;", "import java.util.stream.Collectors;"))).contains("imports java.util.stream.Collectors");
        assertThat(check(HEAD.replace("import java.util.List;", "import java.util.concurrent.*;"))).contains("imports java.util.concurrent.*");
        assertThat(check(rule("Proposal()", "callcheck.support.Hang.spin();"))).contains("uses callcheck.support.Hang");
        assertThat(check(rule("Proposal()", "java.util.regex.Pattern.compile(\"x\");"))).contains("uses java.util.regex.Pattern");
        assertThat(check(rule("Proposal()", "java.util.Collections.emptyList();"))).isNull();
    }

    @Test
    void onlyDrlFilesAreRead() {
        assertThat(HaltCheck.firstUnstoppable(java.util.Map.of("reference/municipalities.csv", "while;for".getBytes(),
                "c1/v/a.drl", rule("Proposal()", "$e.report(drools);").getBytes()))).isNull();
        assertThat(HaltCheck.firstUnstoppable(java.util.Map.of("c1/v/b.drl", rule("Proposal()", "while (true) {}").getBytes(),
                "c1/v/a.drl", rule("Proposal()", "$e.report(drools);").getBytes()))).startsWith("c1/v/b.drl:");
    }

    @Test
    void callLevelRulesAreNotRead() {
        // round*.drl compiles into the call-level rules, which evaluating one proposal never runs.
        assertThat(HaltCheck.firstUnstoppable(java.util.Map.of("c1/v/round.drl", rule("Proposal()", "while (true) {}").getBytes(),
                "c1/v/a.drl", rule("Proposal()", "$e.report(drools);").getBytes()))).isNull();
    }
}
