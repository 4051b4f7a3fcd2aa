package callcheck.fuzz;

import callcheck.engine.UnknownCallException;
import callcheck.evaluation.PackEngine;
import callcheck.model.InvalidProposalException;
import callcheck.model.Proposal;
import callcheck.model.ProposalReader;
import callcheck.support.Packs;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of what a client controls: the bytes of a proposal, read strictly, then evaluated by
 * every call's packs. The reader either gives a proposal or refuses with {@link InvalidProposalException} (a 400 naming
 * the field); the evaluation gives a verdict or says no version governs the date (a 404). Any other exception is a
 * finding: a 500 a client could cause.
 *
 * <p>{@code mvn verify} runs them in a JVM of their own (the pom's fuzz execution): it fuzzes the reader for 10 s and
 * replays the inputs of {@code evaluation} under src/test/resources/callcheck/fuzz/ProposalFuzzTestInputs (seeds from
 * the examples, and any finding saved there). Longer runs are a command (README, "Fuzzing and the soak run").
 */
class ProposalFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void reader(byte[] body) {
        try {
            ProposalReader.read(body);
        } catch (InvalidProposalException refused) {
            // a 400 naming the field: documented
        }
    }

    @FuzzTest(maxDuration = "30s")
    void evaluation(byte[] body) {
        Proposal proposal;
        try {
            proposal = ProposalReader.read(body);
        } catch (InvalidProposalException refused) {
            return;
        }
        PackEngine engine = Packs.engine();
        for (String call : engine.packs().calls()) {
            try {
                engine.evaluate(call, null, proposal);
            } catch (UnknownCallException noVersionForTheDate) {
                // a 404 naming submittedOn: documented
            }
        }
    }
}
