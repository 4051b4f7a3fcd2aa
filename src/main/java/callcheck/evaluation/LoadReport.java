package callcheck.evaluation;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What loading a rules folder gave: the packs that compiled and, per version folder, the errors of those that
 * did not.
 */
public record LoadReport(PackSet packs, Map<String, List<CompileError>> failures) {

    /**
     * Compiles every version folder, on as many threads as there are processors unless the loader's
     * {@link callcheck.pack.PackOptions#parallelLoad} is off: the packs are independent, and compiling is most of
     * the start-up (measured in BENCHMARKS.md). The reference data loads beside them.
     */
    public static LoadReport load(Path rules, PackLoader loader) {
        return load(rules, loader, null);
    }

    /**
     * Compiles the version folders of one call only ({@code validate --call}, {@code test --call}): the others are not
     * read, so a change elsewhere costs nothing and an error elsewhere does not show.
     *
     * @param call the call's folder name, or null for every call
     */
    public static LoadReport load(Path rules, PackLoader loader, String call) {
        List<Path> folders = PackLoader.versionFolders(rules).stream()
                .filter(f -> call == null || f.getParent().getFileName().toString().equals(call)).toList();
        int threads = loader.options().parallelLoad() ? Math.min(folders.size() + 1, Runtime.getRuntime().availableProcessors()) : 1;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pack-compiler");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Future<ReferenceData> reference = run(pool, () -> PackLoader.reference(rules));
            List<Future<RulePack>> compiled = new ArrayList<>();
            for (Path folder : folders) compiled.add(run(pool, () -> loader.load(rules, folder)));
            List<RulePack> packs = new ArrayList<>();
            Map<String, List<CompileError>> failures = new LinkedHashMap<>();
            for (int i = 0; i < folders.size(); i++) {
                try {
                    packs.add(result(compiled.get(i)));
                } catch (PackException e) {
                    failures.put(rules.relativize(folders.get(i)).toString(), e.errors());
                }
            }
            return new LoadReport(new PackSet(packs, result(reference)), failures);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /** On the pool, or here and now when there is none; a failure comes out of {@link #result}. */
    private static <T> Future<T> run(ExecutorService pool, Callable<T> task) {
        if (pool != null) return pool.submit(task);
        java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(task);
        f.run();
        return f;
    }

    /** The task's result, or the exception it threw, as it threw it. */
    private static <T> T result(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the packs", e);
        }
    }
}
