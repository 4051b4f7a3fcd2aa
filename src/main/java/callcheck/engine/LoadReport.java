package callcheck.engine;

import callcheck.pack.CompileError;
import callcheck.pack.PackException;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.reference.ReferenceData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What loading a rules folder gave: the packs that compiled and, per version folder, the errors of those that
 * did not.
 */
public record LoadReport(PackSet packs, Map<String, List<CompileError>> failures) {

    public static LoadReport load(Path rules, PackLoader loader) {
        ReferenceData reference = PackLoader.reference(rules);
        List<RulePack> packs = new ArrayList<>();
        Map<String, List<CompileError>> failures = new LinkedHashMap<>();
        for (Path folder : PackLoader.versionFolders(rules)) {
            try {
                packs.add(loader.load(rules, folder));
            } catch (PackException e) {
                failures.put(rules.relativize(folder).toString(), e.errors());
            }
        }
        return new LoadReport(new PackSet(packs, reference), failures);
    }
}
