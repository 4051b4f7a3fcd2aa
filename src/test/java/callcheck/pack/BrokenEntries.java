package callcheck.pack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Damages compiled-pack cache entries past what a load checks at once: header, key, checksum and the rules' metadata
 * stay right, the classes are garbage, so only defining them (on the pack's first use) finds the damage.
 */
public final class BrokenEntries {
    private BrokenEntries() {
    }

    /** Breaks the classes of every executable-model entry in the cache folder; returns how many. */
    public static int breakClasses(Path cacheDir) throws Exception {
        int n = 0;
        try (Stream<Path> files = Files.list(cacheDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".kjar")).toList()) {
                breakEntry(f);
                n++;
            }
        }
        return n;
    }

    private static void breakEntry(Path entry) throws Exception {
        byte[] bytes = Files.readAllBytes(entry);
        int at = 0;
        for (int i = 0; i < 3; i++) at = indexOf(bytes, at) + 1;
        String[] header = new String(bytes, 0, at, StandardCharsets.UTF_8).split("\n");
        byte[] content = java.util.Arrays.copyOfRange(bytes, at, bytes.length);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content));
        RuleMeta.read(in);
        int rulesLength = content.length - in.available();
        ByteArrayOutputStream kjar = new ByteArrayOutputStream();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content, rulesLength, content.length - rulesLength));
             ZipOutputStream out = new ZipOutputStream(kjar)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] b = zip.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().endsWith(".class") ? "not a class".getBytes(StandardCharsets.UTF_8) : b);
                out.closeEntry();
            }
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        rewritten.write(content, 0, rulesLength);
        rewritten.write(kjar.toByteArray());
        byte[] payload = rewritten.toByteArray();
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write((header[0] + "\n" + header[1] + "\n" + sum + "\n").getBytes(StandardCharsets.UTF_8));
        whole.write(payload);
        Files.write(entry, whole.toByteArray());
    }

    private static int indexOf(byte[] b, int from) throws IOException {
        for (int i = from; i < b.length; i++) if (b[i] == '\n') return i;
        throw new IOException("no header");
    }
}
