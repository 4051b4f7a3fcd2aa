package callcheck.cli;

import callcheck.store.Activation;
import callcheck.store.DecisionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Lists what publish, activate and rollback recorded, in the order they take over, marking what is in force now. */
@Command(name = "activations", description = {"List the activations of the packs published to the store, in the order they take over.",
        "IN FORCE marks what serves now, SCHEDULED what takes over later. Exit 0, 2 an error."})
final class ActivationsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--call", description = "only this call")
    String call;

    @Override
    public Integer call() {
        try (DecisionStore s = store.open()) {
            if (s == null) return 2;
            List<Activation> all = s.activations(call);
            if (all.isEmpty()) {
                System.out.println(call == null ? "nothing is published to this store" : "call " + call + " is not published to this store");
                return 0;
            }
            Map<String, List<Activation>> byCall = new LinkedHashMap<>();
            for (Activation a : all) byCall.computeIfAbsent(a.call(), k -> new ArrayList<>()).add(a);
            Instant now = Instant.now();
            Table table = new Table("CALL", "ACTIVE FROM", "KIND", "ID", "BY", "", "DIGESTS");
            for (List<Activation> ofCall : byCall.values()) {
                Activation inForce = Activation.inForce(ofCall, now).orElse(null);
                for (Activation a : ofCall) {
                    table.row(a.call(), a.activeFrom().toString(), a.kind(), a.id(), a.publishedBy(),
                            a == inForce ? "IN FORCE" : a.activeFrom().isAfter(now) ? "SCHEDULED" : "", String.join(" ", a.digests()));
                }
            }
            table.print(System.out);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("cannot read the activations of the store " + store.describe() + ": " + e.getMessage());
            return 2;
        }
    }
}
