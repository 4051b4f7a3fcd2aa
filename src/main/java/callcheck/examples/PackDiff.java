package callcheck.examples;

import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.rules.Parameter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What one pack version changes against another, without any example: parameters added, removed or changed (value,
 * source, assumption), and rules (by DRL name) added, removed or changed in what they say (severity, title, messages,
 * source, needs, uses) or in what they check (their conditions and consequence as written).
 */
public record PackDiff(List<ParameterChange> parameters, List<RuleChange> rules) {

    /** A parameter that differs; {@code before} is null when added, {@code after} when removed. */
    public record ParameterChange(String name, Parameter before, Parameter after) {
    }

    /** A rule that differs; {@code before} is null when added, {@code after} when removed; {@code what} names the parts that changed. */
    public record RuleChange(String name, RuleInfo before, RuleInfo after, List<String> what) {
        public String id() {
            return after != null ? after.id() : before.id();
        }

        public String kind() {
            return before == null ? "added" : after == null ? "removed" : "changed";
        }
    }

    public PackDiff {
        parameters = List.copyOf(parameters);
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return parameters.isEmpty() && rules.isEmpty();
    }

    /** The changes from {@code from} to {@code to}, parameters and rules each sorted by name. */
    public static PackDiff of(RulePack from, RulePack to) {
        List<ParameterChange> params = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(from.parameters().all().keySet());
        names.addAll(to.parameters().all().keySet());
        for (String n : names) {
            Parameter a = from.parameters().all().get(n), b = to.parameters().all().get(n);
            if (a == null || b == null || !Objects.equals(a.value(), b.value()) || !Objects.equals(a.source(), b.source())
                    || !Objects.equals(a.assumption(), b.assumption()) || a.type() != b.type()) {
                params.add(new ParameterChange(n, a, b));
            }
        }
        Map<String, RuleInfo> before = byName(from), after = byName(to);
        TreeSet<String> rules = new TreeSet<>(before.keySet());
        rules.addAll(after.keySet());
        List<RuleChange> out = new ArrayList<>();
        for (String n : rules) {
            RuleInfo a = before.get(n), b = after.get(n);
            if (a == null || b == null) {
                out.add(new RuleChange(n, a, b, List.of()));
                continue;
            }
            List<String> what = new ArrayList<>();
            if (!a.id().equals(b.id())) what.add("id");
            if (a.severity() != b.severity()) what.add("severity");
            if (!a.title().equals(b.title()) || !java.util.Objects.equals(a.titleNl(), b.titleNl())) what.add("title");
            if (!a.nl().equals(b.nl())) what.add("nl");
            if (!a.en().equals(b.en())) what.add("en");
            if (!a.source().equals(b.source())) what.add("source");
            if (!a.needs().equals(b.needs())) what.add("needs");
            if (!a.uses().equals(b.uses())) what.add("uses");
            if (!Objects.equals(body(from, a), body(to, b))) what.add("conditions");
            if (!what.isEmpty()) out.add(new RuleChange(n, a, b, what));
        }
        return new PackDiff(params, out);
    }

    private static Map<String, RuleInfo> byName(RulePack pack) {
        Map<String, RuleInfo> m = new LinkedHashMap<>();
        for (RuleInfo r : pack.rules()) m.put(r.name(), r);
        return m;
    }

    /** The rule's text from {@code when} to {@code end}, trimmed line by line; null when it cannot be read. */
    private static String body(RulePack pack, RuleInfo r) {
        Path root = pack.folder().getParent().getParent();
        try {
            List<String> lines = Files.readAllLines(root.resolve(r.file()), StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            boolean inRule = false, inBody = false;
            for (String line : lines) {
                String s = line.trim();
                if (!inRule) {
                    inRule = s.startsWith("rule \"" + r.name() + "\"");
                    continue;
                }
                if (s.equals("when")) inBody = true;
                if (inBody && !s.isEmpty() && !s.startsWith("//")) sb.append(s).append('\n');
                if (inBody && s.equals("end")) break;
            }
            return sb.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
