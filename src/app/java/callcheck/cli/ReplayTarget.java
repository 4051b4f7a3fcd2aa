package callcheck.cli;

import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackSet;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The pack recorded decisions are replayed on, for {@code decisions replay} and {@code impact}: a version or a digest. */
final class ReplayTarget {
    @Option(names = "--version", description = "replay on this version of the rules folder")
    String version;
    @Option(names = "--digest", description = "replay on the pack of this digest (archived)")
    String digest;
    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder, for --version (default: ${DEFAULT-VALUE})")
    Path rules;

    /**
     * The packs to replay on: the rules folder compiled for --version; none for a digest or the decision's own pack,
     * which the archive holds. Null when the rules folder does not compile (said on stderr).
     */
    PackSet packs() {
        if (version == null) return new PackSet(List.of(), null);
        LoadReport report = ValidateCommand.load(rules, System.err);
        return report == null ? null : report.packs();
    }
}
