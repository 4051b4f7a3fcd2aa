package callcheck.pack;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loader reads of a compiled rule: its name, the KIE path of the file it was compiled from (null when the
 * compiler does not keep it) and its metadata as text. Kept in a compiled-pack cache entry beside the classes, so that
 * a pack read from the cache is checked and listed without defining them ({@link CompiledRules}).
 */
record RuleMeta(String name, String sourcePath, Map<String, String> metadata) {

    /** The rules of a KieBase, in its order (package by package). */
    static List<RuleMeta> of(KieBase kieBase) {
        List<RuleMeta> out = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                String path = r instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getResource() != null
                        ? impl.getResource().getSourcePath() : null;
                Map<String, String> md = new LinkedHashMap<>();
                // As text: the loader reads every value through its toString (RuleInfo's texts and lists).
                r.getMetaData().forEach((k, v) -> md.put(k, v == null ? null : v.toString()));
                out.add(new RuleMeta(r.getName(), path, md));
            }
        }
        return List.copyOf(out);
    }

    static void write(List<RuleMeta> rules, DataOutputStream out) throws IOException {
        out.writeInt(rules.size());
        for (RuleMeta r : rules) {
            out.writeUTF(r.name);
            writeNullable(out, r.sourcePath);
            out.writeInt(r.metadata.size());
            for (Map.Entry<String, String> e : r.metadata.entrySet()) {
                out.writeUTF(e.getKey());
                writeNullable(out, e.getValue());
            }
        }
    }

    static List<RuleMeta> read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000) throw new IOException("rule count " + n);
        List<RuleMeta> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String path = readNullable(in);
            int m = in.readInt();
            if (m < 0 || m > 10_000) throw new IOException("metadata count " + m);
            Map<String, String> md = new LinkedHashMap<>();
            for (int k = 0; k < m; k++) md.put(in.readUTF(), readNullable(in));
            out.add(new RuleMeta(name, path, md));
        }
        return List.copyOf(out);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
