package callcheck.cli;

import callcheck.engine.PackException;
import callcheck.pack.Manifest;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts a new version of a call as the README says: a folder whose {@code pack.yaml} extends the version it starts
 * from and states only its {@code version} and {@code submissions.from} (the analyst then adds what changes), or with
 * {@code --copy} a full copy of the folder with those two set, every other line as written. When asked, ends the old
 * version the day before. Prints the next steps. Exit 0 when the new version compiles, 1 when it does not (its
 * errors are printed), 2 when it cannot be made.
 */
@Command(name = "version", description = {"Start a new version of a call that extends another and states only what differs (--copy: a full copy).",
        "Exit 0 when the new version compiles, 1 when it does not, 2 when it cannot be made."})
final class VersionCommand implements Callable<Integer> {
    private static final Pattern VERSION = Pattern.compile("(?m)^version:.*$");
    private static final Pattern SUBMISSIONS = Pattern.compile("(?m)^submissions:[ \\t]*\\n((?:[ \\t]+.*\\n|[ \\t]*#.*\\n|[ \\t]*\\n)*)");

    @Option(names = "--call", required = true, description = "call id, e.g. 507")
    String call;

    @Option(names = "--from", required = true, description = "the version to copy, e.g. 2020-07-14")
    String from;

    @Option(names = "--new", required = true, description = "the new version's name, e.g. 2021-01-01")
    String version;

    @Option(names = "--submissions-from", required = true, description = "the first submission day the new version governs (yyyy-mm-dd)")
    String submissionsFrom;

    @Option(names = "--copy", description = "copy every file of the version instead of extending it")
    boolean copy;

    @Option(names = "--close-previous", description = "end the copied version's submissions the day before")
    boolean closePrevious;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Override
    public Integer call() {
        LocalDate start;
        try {
            start = LocalDate.parse(submissionsFrom);
        } catch (DateTimeParseException e) {
            System.err.println("--submissions-from '" + submissionsFrom + "' is not a date (yyyy-mm-dd)");
            return 2;
        }
        Path source = rules.resolve(call).resolve(from);
        Path target = rules.resolve(call).resolve(version);
        if (!Files.isRegularFile(source.resolve(PackLoader.MANIFEST))) {
            System.err.println(source + " is not a version folder (no " + PackLoader.MANIFEST + ")");
            return 2;
        }
        if (Files.exists(target)) {
            System.err.println(target + " exists already");
            return 2;
        }
        try {
            String manifest = Files.readString(source.resolve(PackLoader.MANIFEST), StandardCharsets.UTF_8);
            if (!SUBMISSIONS.matcher(manifest).find()) {
                // A delta that inherits its submission dates: to change one of them it must state them all.
                Manifest.Submissions inherited = new PackLoader().load(rules, source).manifest().submissions();
                manifest = stated(manifest, inherited);
            }
            String closed = closePrevious ? submissions(manifest, "until", start.minusDays(1).toString()) : null;
            if (copy) {
                String copied = submissions(VERSION.matcher(manifest).replaceFirst(Matcher.quoteReplacement("version: \"" + version + "\"")),
                        "from", start.toString());
                copyTree(source, target);
                Files.writeString(target.resolve(PackLoader.MANIFEST), copied, StandardCharsets.UTF_8);
            } else {
                Files.createDirectories(target);
                Files.writeString(target.resolve(PackLoader.MANIFEST), delta(call, from, version, start), StandardCharsets.UTF_8);
            }
            if (closed != null) Files.writeString(source.resolve(PackLoader.MANIFEST), closed, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            System.err.println(source.resolve(PackLoader.MANIFEST) + ": " + e.getMessage());
            return 2;
        } catch (PackException e) {
            System.err.println(source + " does not compile, so its inherited submission dates are not known:");
            e.errors().forEach(err -> System.err.println(err.under(rules)));
            return 2;
        } catch (IOException e) {
            System.err.println("cannot copy " + source + " to " + target + ": " + e.getMessage());
            return 2;
        }
        System.out.println("made " + target + (copy ? " as a copy of " : " extending ") + source + ": version " + version + ", submissions from " + start);
        if (closePrevious) System.out.println("ended " + call + "/" + from + ": submissions until " + start.minusDays(1));
        try {
            RulePack pack = new PackLoader().load(rules, target);
            System.out.println("it compiles: " + pack.ruleIds().size() + " rules, " + pack.parameters().all().size() + " parameters");
        } catch (PackException e) {
            System.out.println("it does not compile:");
            e.errors().forEach(err -> System.out.println(err.under(rules)));
            return 1;
        }
        System.out.println();
        System.out.println("Next:");
        System.out.println(copy ? "  1. change the parameters and rules that changed in " + target.resolve(PackLoader.MANIFEST) + " and its .drl files, with their sources"
                : "  1. state what changes in " + target.resolve(PackLoader.MANIFEST) + " (a parameter's new value and source; remove: [rule ids])"
                + " and add .drl files for new rules or rules replaced by id; the rest is inherited from " + from);
        System.out.println("  2. callcheck validate --rules " + rules);
        System.out.println("  3. callcheck diff --call " + call + " --from " + from + " --to " + version + " --rules " + rules);
        System.out.println("  4. add examples submitted from " + start + " (or pinned with \"version\": \"" + version + "\"); callcheck example helps");
        System.out.println("  5. callcheck test --call " + call + " --rules " + rules + " (--accept to take the results you checked)");
        return 0;
    }

    /** A manifest that extends {@code from} and states only the new version and its first submission day. */
    static String delta(String call, String from, String version, LocalDate start) {
        return """
                # Call %s, version %s: states only what differs from version %s; everything else is inherited from it.
                # Change a parameter by its name (value, source), add rules in .drl files here, remove rules by id:
                #   parameters:
                #     subsidyMax: {value: 30000, source: {document: ..., section: ...}}
                #   remove: [RULE-ID]
                version: "%s"
                extends: "%s"
                submissions:
                  from: %s
                """.formatted(call, version, from, version, from, start);
    }

    /** The manifest with a {@code submissions} block stating the dates it inherited, at its end. */
    static String stated(String manifest, Manifest.Submissions s) {
        StringBuilder block = new StringBuilder(manifest.endsWith("\n") || manifest.isEmpty() ? "" : "\n");
        block.append("submissions:\n  from: ").append(s.from()).append('\n');
        block.append("  until: ").append(s.until() == null ? "null" : s.until().toString()).append('\n');
        // a JSON string is a YAML string: quotes and backslashes in the assumption stay as they are
        if (s.assumption() != null) block.append("  assumption: ").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(s.assumption()).toString()).append('\n');
        if (s.assumptionNl() != null) block.append("  assumptionNl: ").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(s.assumptionNl()).toString()).append('\n');
        return manifest + block;
    }

    /** The manifest with one key of its {@code submissions} block set, added after {@code from} when it is not there. */
    static String submissions(String manifest, String key, String value) {
        Matcher block = SUBMISSIONS.matcher(manifest);
        if (!block.find()) throw new IllegalArgumentException("no submissions block");
        String body = block.group(1);
        Matcher line = Pattern.compile("(?m)^([ \\t]+)" + key + ":.*$").matcher(body);
        String newBody;
        if (line.find()) {
            newBody = body.substring(0, line.start()) + line.group(1) + key + ": " + value + body.substring(line.end());
        } else {
            Matcher fromLine = Pattern.compile("(?m)^([ \\t]+)from:.*\\n").matcher(body);
            if (!fromLine.find()) throw new IllegalArgumentException("submissions has no from");
            newBody = body.substring(0, fromLine.end()) + fromLine.group(1) + key + ": " + value + "\n" + body.substring(fromLine.end());
        }
        return manifest.substring(0, block.start(1)) + newBody + manifest.substring(block.end(1));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }

}
