package callcheck.reload;

import callcheck.engine.CompileError;
import callcheck.pack.PackLoader;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What live reload has done, for {@code /health}: per pack folder its state, and overall whether every folder's
 * latest files serve ({@value #LATEST}) or some edit was kept out ({@value #LAST_GOOD}).
 *
 * @param state           {@value #LATEST} or {@value #LAST_GOOD}
 * @param lastReload      when the last reload attempt ended
 * @param packs           every pack folder that serves or failed, by folder
 * @param referenceErrors why the reference data (or an included module) in the rules folder does not serve; empty
 *                        when it does
 */
public record ReloadStatus(String state, Instant lastReload, List<PackStatus> packs, List<CompileError> referenceErrors) {
    public static final String LATEST = "serving latest";
    public static final String LAST_GOOD = "serving last good, latest failed";

    public ReloadStatus {
        packs = List.copyOf(packs);
        referenceErrors = List.copyOf(referenceErrors);
    }

    static ReloadStatus of(Instant lastReload, List<PackStatus> packs, List<CompileError> referenceErrors) {
        boolean latest = referenceErrors.isEmpty() && packs.stream().allMatch(p -> p.state() == PackStatus.State.SERVING);
        return new ReloadStatus(latest ? LATEST : LAST_GOOD, lastReload, packs, referenceErrors);
    }

    /** True when every folder's latest files serve. */
    public boolean latest() {
        return state.equals(LATEST);
    }

    /** The folder's status, or null when it neither serves nor failed. */
    public PackStatus pack(String call, String version) {
        return packs.stream().filter(p -> p.call().equals(call) && p.version().equals(version)).findFirst().orElse(null);
    }

    /**
     * Per folder whose latest files do not serve ({@code 507/2020-07-14}), why: the shape LoadReport gives; reference
     * data that does not serve is listed under {@code reference}.
     */
    public Map<String, List<CompileError>> failures() {
        Map<String, List<CompileError>> out = new LinkedHashMap<>();
        for (PackStatus p : packs) if (p.state() != PackStatus.State.SERVING) out.put(p.folder(), p.errors());
        if (!referenceErrors.isEmpty()) out.put(PackLoader.REFERENCE_DIR, referenceErrors);
        return out;
    }
}
