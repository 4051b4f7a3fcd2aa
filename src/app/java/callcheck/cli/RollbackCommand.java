package callcheck.cli;

import callcheck.store.Activation;
import callcheck.store.DecisionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Makes the call serve, now, the packs of the activation before the one in force; a second rollback goes back one
 * more (a rollback is recorded as an activation of its own, restoring the earlier one).
 */
@Command(name = "rollback", description = {"Make a call serve again, now, the packs it served before the activation in force.",
        "On every instance started with serve --rules-from-store; each rollback goes one further back. Exit 0 done, 2 an error."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--call", required = true, description = "the call")
    String call;

    @Override
    public Integer call() {
        try (DecisionStore s = store.open()) {
            if (s == null) return 2;
            List<Activation> ofCall = s.activations(call);
            if (ofCall.isEmpty()) {
                System.err.println("call " + call + " has never been published to this store");
                return 2;
            }
            Optional<Activation> target = Activation.rollbackTarget(ofCall, Instant.now());
            if (target.isEmpty()) {
                System.err.println("call " + call + " has no earlier activation to go back to");
                return 2;
            }
            Activation origin = Activation.origin(ofCall, target.get());
            Published.record(s, call, Published.byVersion(s, target.get().digests()), null, "rollback", origin.id());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("cannot roll back in the store " + store.describe() + ": " + e.getMessage());
            return 2;
        }
    }
}
