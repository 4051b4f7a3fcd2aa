package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.rules.Parameter;
import callcheck.rules.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the parameters the rules read ({@code amount("subsidyMax")}) against the manifest before any proposal
 * meets them: a name the manifest lacks, or a read of the wrong type, would otherwise fail every evaluation that
 * reaches the rule; a parameter read but not in the rule's {@code @uses} would leave its assumption out of the
 * findings. Rules are found by their {@code rule "name"} line; a rule runs to the next one.
 */
final class ParameterReads {
    private static final Pattern READ = Pattern.compile("\\b(amount|fraction|number|date|unknown)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");

    private ParameterReads() {
    }

    /** The errors of every read in the files; {@code rules} are the listed (non-plan) rules, whose @uses count. */
    static List<CompileError> check(Path root, Collection<Path> drlFiles, Parameters parameters, List<RuleInfo> rules) {
        Map<String, RuleInfo> byName = rules.stream().collect(Collectors.toMap(RuleInfo::name, Function.identity(), (a, b) -> a));
        List<CompileError> errors = new ArrayList<>();
        for (Path drl : drlFiles) {
            String file = PackLoader.rel(root, drl);
            String rule = null;
            List<String> lines = lines(drl);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.stripLeading().startsWith("//")) continue;
                Matcher r = RULE.matcher(line);
                if (r.find()) rule = r.group(1);
                Matcher m = READ.matcher(line);
                while (m.find()) {
                    String problem = problem(m.group(1), m.group(2), parameters, rule == null ? null : byName.get(rule));
                    if (problem != null) {
                        errors.add(new CompileError(file, i + 1, m.start(2) + 1, (rule == null ? "" : "rule \"" + rule + "\" ") + problem));
                    }
                }
            }
        }
        return errors;
    }

    private static String problem(String read, String name, Parameters parameters, RuleInfo rule) {
        Parameter p = parameters.all().get(name);
        if (p == null) {
            return "reads parameter '" + name + "', which the manifest does not define; it defines " + new TreeSet<>(parameters.all().keySet());
        }
        if (!read.equals("unknown") && !read.toUpperCase(Locale.ROOT).equals(p.type().name())) {
            return "reads parameter '" + name + "' as " + read + ", but the manifest gives it type " + p.type().name().toLowerCase(Locale.ROOT);
        }
        if (rule != null && !rule.uses().contains(name)) {
            return "reads parameter '" + name + "' but does not list it in @uses: a rule lists every parameter it reads, so that its findings carry the parameter's assumption";
        }
        return null;
    }

    private static List<String> lines(Path drl) {
        try {
            return Files.readAllLines(drl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
