package callcheck.cli;

import callcheck.store.Activation;
import callcheck.store.DecisionStore;
import callcheck.store.Pack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Makes archived packs of a call serve again (or later): each digest replaces the one of its version among those in
 * force; the other versions stay as they are. A digest may be given by its first characters.
 */
@Command(name = "activate", description = {"Make archived packs of a call serve on every instance started with serve --rules-from-store.",
        "Each digest replaces the one of its version; now, or from --at. Exit 0 done, 2 an error."})
final class ActivateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--call", required = true, description = "the call")
    String call;

    @Option(names = "--digest", required = true, paramLabel = "DIGEST", description = "an archived pack of the call (sha256:..., or its first characters); repeatable")
    List<String> digests;

    @Option(names = "--at", paramLabel = "TIME", description = "serve from this time on, e.g. 2026-03-01T09:00:00Z (default: now)")
    String at;

    @Override
    public Integer call() {
        Instant from;
        try {
            from = Published.time("--at", at, Instant.now());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try (DecisionStore s = store.open()) {
            if (s == null) return 2;
            List<Activation> ofCall = s.activations(call);
            Map<String, String> next = Published.byVersion(s, Activation.inForce(ofCall, from == null ? Instant.now() : from)
                    .map(Activation::digests).orElse(List.of()));
            for (String d : digests) {
                List<Pack> found = s.archivedLike(d).stream().filter(p -> p.call().equals(call)).toList();
                if (found.size() != 1) {
                    System.err.println(found.isEmpty() ? "the store has no archived pack of call " + call + " with digest " + d
                            : "digest " + d + " names " + found.size() + " archived packs of call " + call + ": give more of it");
                    return 2;
                }
                next.put(found.get(0).version(), found.get(0).digest());
            }
            Published.record(s, call, next, from, "activate", null);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("cannot activate in the store " + store.describe() + ": " + e.getMessage());
            return 2;
        }
    }
}
