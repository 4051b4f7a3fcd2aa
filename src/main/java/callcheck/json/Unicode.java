package callcheck.json;

/**
 * Text is Unicode: a Java string may hold a UTF-16 surrogate without its pair (U+D800 alone, as JSON can escape it), which is no
 * character, cannot be written as UTF-8 and breaks whatever writes it later. Readers refuse such strings; writers of
 * what is already stored escape them instead of failing in the middle of a stream.
 */
public final class Unicode {
    private Unicode() {
    }

    /** The index of the first unpaired surrogate in {@code s}, or -1 when it is well-formed Unicode. */
    public static int unpairedSurrogate(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return i;
            }
        }
        return -1;
    }

    /**
     * JSON text with each unpaired surrogate written as its JSON escape (backslash, u, four hex digits): in well-formed JSON a surrogate
     * can only stand inside a string, where the escape reads back as the same string and encodes as UTF-8.
     */
    public static String escapedJson(String json) {
        return replace(json, true);
    }

    /** Plain text with each unpaired surrogate replaced by U+FFFD, as a decoder does with bytes it cannot read. */
    public static String replaced(String text) {
        return replace(text, false);
    }

    private static String replace(String s, boolean escape) {
        if (s == null) return null;
        int at = unpairedSurrogate(s);
        if (at < 0) return s;
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, at);
        for (int i = at, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                if (escape) b.append(String.format("\\u%04x", (int) c));
                else b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
