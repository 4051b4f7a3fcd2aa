package callcheck.pack;

import callcheck.engine.CompileError;
import callcheck.engine.PackException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A draft version folder sent as a zip (its files at the zip's root, or under the one folder the zip holds), read
 * with bounds that no zip can pass (entries, bytes once inflated, counted as they inflate, not as the headers claim;
 * no path leaving the folder), and compiled as a version of a call beside the serving packs, which it may
 * {@code extends}.
 *
 * @param prefix the folder the zip holds the files under ({@code "2026-01-01/"}), or empty
 * @param files  the draft's files by path inside its version folder
 */
public record Draft(String prefix, Map<String, byte[]> files) {
    /** A version folder holds a manifest and a few DRL files; a draft with more is not one. */
    public static final int MAX_ENTRIES = 200;
    /** A rule file is some KB; the largest of rules/ is under 40 KB. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** What all its files may hold once inflated. */
    public static final int MAX_TOTAL_BYTES = 4 * 1024 * 1024;
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[\\p{L}\\p{N}._ -]+");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A zip that cannot be a draft: unsafe, too large once inflated, not a zip, or with no manifest. */
    public static final class Refused extends RuntimeException {
        private final String entry;

        /**
         * @param entry   the zip entry at fault, or null
         * @param message what is wrong
         */
        public Refused(String entry, String message) {
            super(message, null, false, false);
            this.entry = entry;
        }

        /** @return the zip entry at fault, or null */
        public String entry() {
            return entry;
        }
    }

    /**
     * Reads a zip. Each byte inflated is told to {@code charge} first, so that a caller can bound the memory it takes.
     *
     * @param zip    the zip's bytes, as they come
     * @param charge told of every chunk of inflated bytes before it is kept
     * @return the draft
     * @throws Refused when the zip is unsafe, too large once inflated, not a zip, or has no {@value PackLoader#MANIFEST}
     */
    public static Draft unzip(InputStream zip, LongConsumer charge) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            byte[] buffer = new byte[8192];
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) throw new Refused(null, "the zip holds more than " + MAX_ENTRIES + " entries; a draft is one version folder");
                String name = safeName(e.getName());
                if (e.isDirectory() || ignored(name)) continue;
                if (all.containsKey(name)) throw new Refused(name, "the zip holds '" + name + "' twice");
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (file.size() + n > MAX_FILE_BYTES) throw new Refused(name, "'" + name + "' is larger than " + MAX_FILE_BYTES / 1024 + " KB once unzipped");
                    if (total > MAX_TOTAL_BYTES) throw new Refused(null, "the zip holds more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB once unzipped");
                    charge.accept(n);
                    file.write(buffer, 0, n);
                }
                all.put(name, file.toByteArray());
            }
        } catch (ZipException e) {
            throw new Refused(null, "the body is not a readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw new Refused(null, "the zip could not be read: " + e.getMessage());
        }
        if (all.isEmpty()) throw new Refused(null, "the body is not a zip, or a zip with no files");
        if (all.containsKey(PackLoader.MANIFEST)) return new Draft("", all);
        // One folder around the files, as a folder zipped from its parent is.
        String top = all.keySet().iterator().next();
        top = top.contains("/") ? top.substring(0, top.indexOf('/') + 1) : "";
        String prefix = top;
        if (top.isEmpty() || !all.containsKey(top + PackLoader.MANIFEST) || !all.keySet().stream().allMatch(n -> n.startsWith(prefix))) {
            throw new Refused(null, "the zip holds no " + PackLoader.MANIFEST + " at its root nor in the one folder it holds: zip a version folder");
        }
        Map<String, byte[]> inside = new LinkedHashMap<>();
        all.forEach((n, bytes) -> inside.put(n.substring(prefix.length()), bytes));
        return new Draft(prefix, inside);
    }

    /** A name as a relative path inside the folder, or refused: no absolute path, drive, backslash, {@code ..} or control character. */
    private static String safeName(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.startsWith("/") || n.contains("\\") || n.contains(":")) {
            throw new Refused(name, "the zip entry '" + name + "' is not a relative path inside the folder");
        }
        for (String segment : n.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || !SAFE_SEGMENT.matcher(segment).matches()) {
                throw new Refused(name, "the zip entry '" + name + "' is not a plain relative path inside the folder (no '..', no empty or odd names)");
            }
        }
        return n;
    }

    /** What archivers add beside the files: a Mac's resource forks and folder settings. */
    private static boolean ignored(String name) {
        return name.startsWith("__MACOSX/") || name.equals(".DS_Store") || name.endsWith("/.DS_Store");
    }

    /**
     * Compiles the draft as a version of {@code call}, in a temporary rules folder holding the files of the serving
     * pack it {@code extends} (the full copy that pack stands for) or else of the call's last serving pack, for the
     * reference data and modules; the draft's version is the one its manifest states.
     *
     * @param call    the call
     * @param serving the call's serving packs (at least one)
     * @return the compiled draft
     * @throws PackException the draft does not compile; each error's file is the zip entry at fault
     */
    public RulePack compile(String call, Collection<RulePack> serving) {
        String manifest = prefix + PackLoader.MANIFEST;
        JsonNode tree;
        try {
            tree = YAML.readTree(files.get(PackLoader.MANIFEST));
        } catch (IOException e) {
            tree = null; // compiling says where the YAML is wrong
        }
        String version = tree == null ? null : tree.path("version").asText(null);
        if (tree != null && (version == null || version.isBlank() || !SAFE_SEGMENT.matcher(version).matches() || version.startsWith("."))) {
            throw new PackException(manifest, "'version' is required: the version the draft would be, such as 2026-01-01");
        }
        if (version == null) version = "draft";
        String base = tree == null ? null : tree.path(Extension.EXTENDS).asText(null);
        List<RulePack> ordered = new ArrayList<>(serving);
        RulePack anchor = ordered.stream().filter(p -> p.version().equals(base)).findFirst().orElse(ordered.get(ordered.size() - 1));
        String folder = call + "/" + version + "/";
        Map<String, byte[]> all = new TreeMap<>();
        // The reference data and modules, and the version it extends (no other version of the call: the draft is alone).
        anchor.files().forEach((n, bytes) -> {
            boolean ofCall = n.startsWith(call + "/");
            if (!n.startsWith(folder) && (!ofCall || base != null && n.startsWith(call + "/" + base + "/"))) all.put(n, bytes);
        });
        files.forEach((n, bytes) -> all.put(folder + n, bytes));
        String v = version;
        try {
            return ArchivedPack.inFolder(all, root -> new PackLoader().load(root, root.resolve(call).resolve(v)));
        } catch (PackException e) {
            List<CompileError> errors = new ArrayList<>();
            for (CompileError err : e.errors()) {
                String file = err.file().startsWith(folder) ? prefix + err.file().substring(folder.length()) : err.file();
                errors.add(new CompileError(file, err.line(), err.column(), err.message(), err.detail()));
            }
            throw new PackException(errors);
        }
    }
}
