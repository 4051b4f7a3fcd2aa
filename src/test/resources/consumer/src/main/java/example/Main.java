package example;

import callcheck.engine.CallcheckException;
import callcheck.engine.Engine;
import callcheck.engine.Finding;
import callcheck.engine.RoundResult;
import callcheck.engine.RuleDescription;
import callcheck.engine.Verdict;
import callcheck.rules.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import callcheck.model.Financing;
import callcheck.model.InvalidProposalException;
import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Proposal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the rules packed in this application's own jar, builds proposals in Java, evaluates from 4 threads, checks a
 * round and lists the rules and parameters: the public API only.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        try (Engine engine = Engine.fromClasspath("rules")) {
            List<Proposal> proposals = List.of(proposal("8000"), proposal("12000"));
            List<String> alone = proposals.stream().map(p -> summary(engine.evaluate("900", p))).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        if (!summary(engine.evaluate("900", proposals.get(i % 2))).equals(alone.get(i % 2))) return false;
                    }
                    return true;
                }));
            }
            boolean same = true;
            for (Future<Boolean> r : runs) same &= r.get();
            pool.shutdown();
            System.out.println("THREADS " + (same ? "same" : "DIFFERENT"));
            alone.forEach(s -> System.out.println("VERDICT " + s));
            try {
                proposal("-1");
            } catch (InvalidProposalException e) {
                System.out.println("REFUSED " + e.code() + " " + e.field() + " " + e.errorCode());
            }
            Map<String, Proposal> round = new LinkedHashMap<>();
            round.put("p1", proposals.get(0));
            round.put("p2", proposals.get(1));
            round.put("p3", proposal("9000"));
            RoundResult r = engine.round("900", round, List.of("p1", "p2"), Map.of("p1", new BigDecimal("3"), "p2", new BigDecimal("9"),
                    "p3", new BigDecimal("4")));
            System.out.println("ROUND " + r.version() + " selected " + r.totals().selected() + " subsidy " + r.totals().subsidy()
                    + " proposed " + r.proposedSelection().ids() + " score " + r.proposedSelection().totalScore()
                    + " optimal " + r.proposedSelection().optimal());
            try {
                engine.round("900", round, List.of("p9"), null);
            } catch (CallcheckException e) {
                System.out.println("ROUND REFUSED " + e.errorCode() + " " + e.code());
            }
            for (RuleDescription rule : engine.rules("900", null)) {
                System.out.println("RULE " + rule.id() + " " + rule.severity() + " " + rule.message().en());
            }
            for (Parameter p : engine.parameters("900", null)) System.out.println("PARAMETER " + p.name() + " " + p.value());
            String json = new ObjectMapper().writeValueAsString(engine.evaluate("900", proposals.get(1)));
            System.out.println("PLAIN JSON " + (json.contains("\"rule\":\"900-SUBSIDY-MAX\"") ? "ok" : json));
            System.out.println("LOGGER " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getSimpleName());
        }
    }

    private static Proposal proposal(String amif) {
        return Proposal.builder()
                .submittedOn(LocalDate.of(2024, 3, 1))
                .title("Buddies")
                .applicant(Organisation.builder().name("Gemeente Gent").kind(OrganisationKind.MUNICIPALITY).nis("44021"))
                .financing(Financing.builder().totalCost("20000").amif(amif).vvsg("0").own("20000"))
                .build();
    }

    private static String summary(Verdict v) {
        return v.verdict() + " " + v.findings().stream().map(Finding::rule).toList() + " " + v.financing().maxSubsidy();
    }
}
