package example;

import callcheck.engine.Engine;
import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.model.Financing;
import callcheck.model.InvalidProposalException;
import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Proposal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Loads the rules packed in this application's own jar, builds proposals in Java, evaluates from 4 threads. */
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
                System.out.println("REFUSED " + e.code() + " " + e.field());
            }
            System.out.println("LOGGER " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getSimpleName());
        }
    }

    private static Proposal proposal(String amif) {
        return Proposal.builder()
                .submittedOn(LocalDate.of(2024, 3, 1))
                .title("Buddies")
                .applicant(new Organisation("Gemeente Gent", OrganisationKind.MUNICIPALITY, "44021", null, null, null))
                .financing(new Financing(new BigDecimal("20000"), new BigDecimal(amif), BigDecimal.ZERO,
                        new BigDecimal("20000"), null))
                .build();
    }

    private static String summary(Verdict v) {
        return v.verdict() + " " + v.findings().stream().map(Finding::rule).toList() + " " + v.financing().maxSubsidy();
    }
}
