package callcheck.http;

import callcheck.evaluation.Evaluator;
import callcheck.evaluation.PackEngine;
import callcheck.evaluation.PackSet;
import callcheck.engine.CompileError;
import callcheck.pack.RulePack;
import callcheck.store.DecisionStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the service is live and ready, and the detailed report of /health: which pack versions serve and, for each
 * folder that failed, its errors with file and line. A failed folder whose version still serves (a reload kept the
 * last good pack) is "serving_last_good"; one that serves nothing is "failed".
 * <p>
 * Ready (/health/ready 200) while every call that served keeps serving a version, the store records (as its writer's
 * last records went) and evaluations are not all refused: a load balancer takes the service out of rotation only when
 * it cannot answer. A failed folder alone, an analyst's typo, leaves it ready and "degraded".
 */
public final class Health {
    public static final String READY = "ready";
    /** No call serves, or a call that served serves no version any more (its folder fails). */
    public static final String NOT_READY = "not_ready";
    /**
     * Serving, but a pack folder failed (its last good version serves, or a new folder never compiled), evaluations
     * ran past their time budget within the last minute or are stuck in a rule, or the decision store does not record
     * (evaluations then answer 503 store_unavailable, and the service is not ready).
     */
    public static final String DEGRADED = "degraded";
    static final String STORE_AVAILABLE = "available";
    static final String STORE_UNAVAILABLE = "unavailable";
    public static final String SERVING = "serving";
    public static final String SERVING_LAST_GOOD = "serving_last_good";
    public static final String FAILED = "failed";

    private final PackEngine engine;
    private final AtomicReference<Map<String, List<CompileError>>> failures;
    /** The decision store; null when the service records nothing. */
    private volatile DecisionStore store;
    /** Every call seen serving: one that serves no version any more while its folder fails makes the service not ready. */
    private final Set<String> served = ConcurrentHashMap.newKeySet();

    /** @param failures per pack folder relative to the rules folder ({@code 507/2020-07-14}), its errors */
    public Health(PackEngine engine, Map<String, List<CompileError>> failures) {
        this.engine = engine;
        this.failures = new AtomicReference<>(Map.copyOf(failures));
        served.addAll(engine.packs().calls());
    }

    /** The store whose records decide readiness, and whose writer liveness. */
    void store(DecisionStore store) {
        this.store = store;
    }

    /** Live: the decision writer runs (the process serves HTTP, or nothing would ask). */
    boolean live() {
        DecisionStore s = store;
        return s == null || s.writing();
    }

    /** Replaces the failures, as a reload that compiled the rules folder again finds them. */
    public void failures(Map<String, List<CompileError>> next) {
        failures.set(Map.copyOf(next));
    }

    /** @param store the decision store: "available", "unavailable", or null when the service records nothing */
    record Report(String status, List<PackView> packs, List<FailureView> failures, EvaluationsView evaluations, String store) {
        /** Ready: every call that served serves, evaluations can run and be recorded (degraded by a failed folder or timeouts is ready). */
        boolean ready() {
            return !NOT_READY.equals(status) && !evaluations.blocked() && !STORE_UNAVAILABLE.equals(store);
        }

        int httpStatus() {
            return ready() ? 200 : 503;
        }
    }

    /**
     * @param timeouts evaluations abandoned at their budget since the start
     * @param stuck    of those, how many still run in their rule
     * @param blocked  stuck evaluations reached their limit: every evaluation is refused as busy until they end
     */
    record EvaluationsView(long timeouts, int stuck, String lastTimeout, boolean blocked) {
    }

    record PackView(String call, String version, String digest, String status) {
    }

    record FailureView(String pack, String call, String version, String status, List<CompileError> errors) {
    }

    Report report() {
        PackSet packs = engine.packs();
        Map<String, List<CompileError>> failed = failures.get();
        List<FailureView> failureViews = new ArrayList<>();
        for (String folder : failed.keySet().stream().sorted().toList()) {
            Path p = Path.of(folder);
            String call = p.getNameCount() > 0 ? p.getName(0).toString() : folder;
            String version = p.getNameCount() > 1 ? p.getName(1).toString() : null;
            failureViews.add(new FailureView(folder, call, version, serves(packs, call, version) ? SERVING_LAST_GOOD : FAILED,
                    failed.get(folder)));
        }
        List<PackView> packViews = packs.all().stream().map(pack -> new PackView(pack.call(), pack.version(), pack.digest(),
                failureViews.stream().anyMatch(f -> pack.call().equals(f.call()) && pack.version().equals(f.version()))
                        ? SERVING_LAST_GOOD : SERVING)).toList();
        served.addAll(packs.calls());
        // A call that served and serves no version because its folder fails; one whose folders were deleted is let go.
        Set<String> failing = new java.util.HashSet<>();
        for (FailureView f : failureViews) failing.add(f.call());
        served.removeIf(call -> !packs.calls().contains(call) && !failing.contains(call));
        boolean serving = !packViews.isEmpty() && packs.calls().containsAll(served);
        Evaluator.Stats stats = engine.evaluator().stats();
        EvaluationsView evaluations = new EvaluationsView(stats.timeouts(), stats.stuck(),
                stats.lastTimeout() == null ? null : stats.lastTimeout().toString(),
                engine.evaluator().limits().hasBudget() && stats.stuck() >= engine.evaluator().limits().maxStuck());
        DecisionStore s = store;
        String store = s == null ? null : s.available() && s.writing() ? STORE_AVAILABLE : STORE_UNAVAILABLE;
        String status = !serving ? NOT_READY
                : !failureViews.isEmpty() || stats.degraded() || STORE_UNAVAILABLE.equals(store) ? DEGRADED : READY;
        return new Report(status, packViews, failureViews, evaluations, store);
    }

    private static boolean serves(PackSet packs, String call, String version) {
        if (!packs.calls().contains(call)) return false;
        for (RulePack p : packs.versions(call)) if (p.version().equals(version)) return true;
        return false;
    }
}
