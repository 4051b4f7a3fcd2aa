package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version that states only what differs from another: its {@code pack.yaml} says {@code extends: <version>} (a
 * sibling folder of the same call) and gives the keys that change. It resolves to the files a full copy would have,
 * in its own folder's places: the manifest merged (documents, parameters and assumptions by name, an entry the base
 * has too key by key; any other key whole) and written out without {@code extends} and {@code remove}; the base's DRL files, less the rules it
 * {@code remove}s by id and those its own DRL files state again (replaced by id); its own DRL files. What compiles,
 * what the digest covers and what the archive stores are those resolved files, so a delta and that full copy are the
 * same pack, and an archived delta replays without its base.
 */
final class Extension {
    static final String EXTENDS = "extends";
    static final String REMOVE = "remove";
    /** The keys a delta may state: those of a manifest, plus extends and remove. */
    private static final Set<String> KEYS = Set.of("call", "title", "programme", "programmeNl", "version", "submissions", "documents", "parameters",
            "assumptions", "include", EXTENDS, REMOVE);
    /** Keys merged entry by entry; any other key the delta states replaces the base's whole. */
    private static final Set<String> BY_NAME = Set.of("documents", "parameters", "assumptions");
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("@id\\(\\s*\"([^\"]+)\"\\s*\\)");

    /** The files of the version folder as a full copy, by path relative to the rules folder, and where they come from. */
    record Resolved(Map<String, byte[]> files, Lineage lineage, Map<String, String> origins) {
    }

    private Extension() {
    }

    /** The English texts whose Dutch is written beside them, as {@code <key>Nl}. */
    private static final List<String> TRANSLATED = List.of("programme", "description", "assumption", "text");

    /**
     * A delta that states an English text anew states its Dutch too: the base's Dutch, written for the old English,
     * is not inherited, so that {@code validate} asks for the new one instead of serving a stale translation.
     */
    private static void dropStaleDutch(ObjectNode merged, ObjectNode stated) {
        for (String key : TRANSLATED) {
            if (stated.has(key) && !stated.has(key + "Nl")) merged.remove(key + "Nl");
        }
    }

    /** The version it extends, or null when the manifest states no {@code extends} (or cannot be read). */
    static String extendsOf(Path versionFolder) {
        try {
            // read as bytes: the folder may be inside a jar (a zip file system), where a Path has no File
            JsonNode base = YAML.readTree(Files.readAllBytes(versionFolder.resolve(PackLoader.MANIFEST))).get(EXTENDS);
            return base == null || base.isNull() ? null : base.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The versions the folder extends, nearest first; empty for a full version. Stops at a loop. */
    static List<String> chain(Path versionFolder) {
        List<String> out = new ArrayList<>();
        Path folder = versionFolder;
        for (String base = extendsOf(folder); base != null && !out.contains(base); base = extendsOf(folder)) {
            out.add(base);
            folder = versionFolder.resolveSibling(base);
        }
        return out;
    }

    /** Resolves a delta version folder (one whose manifest states {@code extends}). */
    static Resolved resolve(Path root, Path folder) {
        return resolve(root, folder, new LinkedHashSet<>());
    }

    private static Resolved resolve(Path root, Path folder, Set<Path> seen) {
        String manifestFile = PackLoader.rel(root, folder.resolve(PackLoader.MANIFEST));
        if (!seen.add(folder)) throw new PackException(manifestFile, "extends itself through " + seen.stream()
                .map(f -> f.getFileName().toString()).toList());
        ObjectNode own = tree(folder.resolve(PackLoader.MANIFEST), manifestFile);
        String base = own.path(EXTENDS).asText(null);
        String prefix = PackLoader.rel(root, folder) + "/";
        if (base == null) {
            // A full version: its files as they are.
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            files.put(manifestFile, read(folder.resolve(PackLoader.MANIFEST)));
            for (Path drl : PackLoader.drlFiles(folder)) {
                files.put(PackLoader.rel(root, drl), read(drl));
                origins.put(PackLoader.rel(root, drl), PackLoader.rel(root, drl));
            }
            return new Resolved(files, null, origins);
        }
        List<CompileError> errors = new ArrayList<>();
        own.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) errors.add(new CompileError(manifestFile, YamlLines.of(folder.resolve(PackLoader.MANIFEST)).line(k), 0,
                    "'" + k + "' is not a key of a version that extends another; it may state " + new TreeSet<>(KEYS)));
        });
        Path baseFolder = folder.resolveSibling(base);
        if (base.isBlank() || base.contains("/") || base.contains("\\") || !Files.isRegularFile(baseFolder.resolve(PackLoader.MANIFEST))) {
            errors.add(new CompileError(manifestFile, YamlLines.of(folder.resolve(PackLoader.MANIFEST)).line(EXTENDS), 0,
                    "extends '" + base + "': there is no version folder " + PackLoader.rel(root, baseFolder) + " with a " + PackLoader.MANIFEST));
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        Resolved inherited = resolve(root, baseFolder, seen);
        String basePrefix = PackLoader.rel(root, baseFolder) + "/";

        // The manifest: the base's, merged with what the delta states.
        ObjectNode merged = tree(inherited.files().get(basePrefix + PackLoader.MANIFEST), basePrefix + PackLoader.MANIFEST);
        own.fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (k.equals(EXTENDS) || k.equals(REMOVE)) return;
            if (BY_NAME.contains(k) && e.getValue().isObject() && merged.get(k) instanceof ObjectNode into) {
                // An entry the base has too is merged key by key: a changed number states its value (and source), no more.
                e.getValue().fields().forEachRemaining(entry -> {
                    if (into.get(entry.getKey()) instanceof ObjectNode was && entry.getValue() instanceof ObjectNode now) {
                        ObjectNode both = was.deepCopy();
                        both.setAll(now);
                        dropStaleDutch(both, now);
                        into.set(entry.getKey(), both);
                    } else {
                        into.set(entry.getKey(), entry.getValue());
                    }
                });
            } else {
                merged.set(k, e.getValue());
            }
        });
        dropStaleDutch(merged, own);

        // The rules: the delta's own files; the base's others, less the ids removed or stated again.
        Map<String, byte[]> ownDrl = new LinkedHashMap<>();
        for (Path drl : PackLoader.drlFiles(folder)) ownDrl.put(PackLoader.rel(folder, drl), read(drl));
        Set<String> stated = new TreeSet<>();
        ownDrl.values().forEach(bytes -> stated.addAll(ids(new String(bytes, StandardCharsets.UTF_8))));
        Set<String> removed = new TreeSet<>();
        for (JsonNode id : own.path(REMOVE)) removed.add(id.asText());
        Set<String> drop = new TreeSet<>(removed);
        drop.addAll(stated);
        Set<String> inheritedIds = new TreeSet<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        files.put(prefix + PackLoader.MANIFEST, render(merged));
        for (Map.Entry<String, byte[]> f : inherited.files().entrySet()) {
            String name = f.getKey().substring(basePrefix.length());
            if (name.equals(PackLoader.MANIFEST) || ownDrl.containsKey(name)) continue;
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            inheritedIds.addAll(ids(text));
            files.put(prefix + name, without(text, drop).getBytes(StandardCharsets.UTF_8));
            origins.put(prefix + name, inherited.origins().get(f.getKey()));
        }
        for (Map.Entry<String, byte[]> f : ownDrl.entrySet()) {
            files.put(prefix + f.getKey(), f.getValue());
            origins.put(prefix + f.getKey(), prefix + f.getKey());
        }
        for (String id : removed) {
            if (!inheritedIds.contains(id)) {
                errors.add(new CompileError(manifestFile, YamlLines.of(folder.resolve(PackLoader.MANIFEST)).line(REMOVE), 0,
                        "remove '" + id + "': version " + base + " has no rule with that id (in the files " + PackLoader.rel(root, folder)
                                + " does not state again)"));
            }
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        return new Resolved(files, new Lineage(base, names(own, "parameters"), names(own, "documents"), new TreeSet<>(ownDrl.keySet()), removed),
                origins);
    }

    private static Set<String> names(ObjectNode own, String key) {
        Set<String> out = new TreeSet<>();
        own.path(key).fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The ids of the rules a DRL text declares: each rule's {@code @id}, else its name. */
    static Set<String> ids(String drl) {
        Set<String> out = new TreeSet<>();
        for (Block b : blocks(drl)) out.add(b.id());
        return out;
    }

    /**
     * The DRL text without the rules of the given ids, each line of a removed rule left empty: the lines that stay keep
     * their numbers, so an error in an inherited file points at the same line of the file it came from.
     */
    static String without(String drl, Set<String> ids) {
        if (ids.isEmpty()) return drl;
        String[] lines = drl.split("\n", -1);
        for (Block b : blocks(drl)) {
            if (!ids.contains(b.id())) continue;
            for (int i = b.first(); i <= b.last(); i++) lines[i] = lines[i].endsWith("\r") ? "\r" : "";
        }
        return String.join("\n", lines);
    }

    /** A rule declared from line {@code first} to its {@code end}, both from 0. */
    private record Block(String id, int first, int last) {
    }

    private static List<Block> blocks(String drl) {
        String[] lines = drl.split("\n", -1);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher rule = RULE.matcher(lines[i]);
            if (!rule.find()) continue;
            String id = rule.group(1);
            int j = i;
            for (; j < lines.length && !lines[j].trim().equals("end"); j++) {
                Matcher m = ID.matcher(lines[j]);
                if (m.find()) id = m.group(1);
            }
            out.add(new Block(id, i, Math.min(j, lines.length - 1)));
            i = j;
        }
        return out;
    }

    private static ObjectNode tree(Path file, String shownAs) {
        return tree(read(file), shownAs);
    }

    private static ObjectNode tree(byte[] yaml, String shownAs) {
        try {
            JsonNode n = YAML.readTree(yaml);
            if (n instanceof ObjectNode o) return o;
            throw new PackException(shownAs, "the manifest is not a map of keys");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PackException(List.of(new CompileError(shownAs, line, 0, String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " "))));
        } catch (IOException e) {
            throw new PackException(shownAs, "cannot read: " + ReadFailure.reason(e));
        }
    }

    /** The resolved manifest as a full version's pack.yaml. */
    private static byte[] render(ObjectNode manifest) {
        try {
            return ("# Resolved: the full copy that a version stating only what differs stands for.\n" + YAML.writeValueAsString(manifest))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new PackException(p.toString(), "cannot read: " + ReadFailure.reason(e));
        }
    }
}
