package callcheck.support;

import callcheck.evaluation.PackEngine;

import callcheck.engine.Verdict;
import callcheck.model.ProposalReader;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of the project's rules folder in a temporary folder, to change a file as an analyst would (a parameter, a
 * rule) and load the packs it then gives. Only the packs asked for are compiled.
 */
public final class RulesCopy {
    private final Path root;

    private RulesCopy(Path root) {
        this.root = root;
    }

    /** Copies {@link Packs#RULES} into the (empty) folder. */
    public static RulesCopy into(Path folder) {
        copy(Packs.RULES, folder);
        return new RulesCopy(folder);
    }

    /**
     * Copies only the reference data and the given calls' folders of {@link Packs#RULES} into the (empty) folder: a
     * rules folder that compiles faster, for a test about those calls.
     */
    public static RulesCopy into(Path folder, String... calls) {
        copy(Packs.RULES.resolve(PackLoader.REFERENCE_DIR), folder.resolve(PackLoader.REFERENCE_DIR));
        for (String call : calls) copy(Packs.RULES.resolve(call), folder.resolve(call));
        return new RulesCopy(folder);
    }

    /** Copies a folder and all it holds into {@code to}, which must not hold any of its files yet. */
    public static void copyTree(Path from, Path to) {
        copy(from, to);
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Replaces a text that occurs exactly once in a file of the copy (path relative to the rules folder). */
    public RulesCopy edit(String file, String from, String to) {
        Path p = root.resolve(file);
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            assertThat(text.split(java.util.regex.Pattern.quote(from), -1)).as("'%s' occurs once in %s", from, file).hasSize(2);
            Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Compiles one pack of the copy. */
    public RulePack load(String call, String version) {
        return new PackLoader().load(root, root.resolve(call).resolve(version));
    }

    /** Evaluates an example proposal against a pack of the copy, with the copy's reference data. */
    public Verdict evaluate(RulePack pack, ProposalJson proposal) {
        return PackEngine.evaluate(pack, PackLoader.reference(root), ProposalReader.read(proposal.text()));
    }
}
