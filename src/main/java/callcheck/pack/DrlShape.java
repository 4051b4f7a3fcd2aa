package callcheck.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DRL file's text shows before any parsing: a quote left open, a rule without its {@code end}. The parser
 * reports both far from their cause (a string runs on to the end of the file; a rule's consequence swallows the next
 * rule), so a syntax error in a file with either is blamed on the place found here instead.
 */
final class DrlShape {
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]*)\"");

    /** A place in the file: line and column from 1, and the rule's name when it concerns a rule. */
    record Place(int line, int column, String rule) {
    }

    private DrlShape() {
    }

    /**
     * The first quote that no quote closes on its line (strings in rules are one line), outside comments; null if none.
     * The opening quote is the one counted last when the line's quotes are odd in number.
     */
    static Place unclosedQuote(List<String> lines) {
        boolean blockComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            int open = -1;
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (blockComment) {
                    if (ch == '*' && c + 1 < s.length() && s.charAt(c + 1) == '/') {
                        blockComment = false;
                        c++;
                    }
                } else if (open >= 0) {
                    if (ch == '\\') c++;
                    else if (ch == '"') open = -1;
                } else if (ch == '"') {
                    open = c;
                } else if (ch == '/' && c + 1 < s.length() && s.charAt(c + 1) == '/') {
                    break;
                } else if (ch == '/' && c + 1 < s.length() && s.charAt(c + 1) == '*') {
                    blockComment = true;
                    c++;
                }
            }
            if (open >= 0) return new Place(i + 1, open + 1, null);
        }
        return null;
    }

    /** Every rule whose {@code end} is missing: no line reading {@code end} before the next rule or the file's end. */
    static List<Place> rulesWithoutEnd(List<String> lines) {
        List<Place> out = new ArrayList<>();
        Place open = null;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            Matcher rule = RULE.matcher(s);
            if (rule.find()) {
                if (open != null) out.add(open);
                open = new Place(i + 1, s.length() - s.stripLeading().length() + 1, rule.group(1));
            } else if (s.trim().equals("end") || s.trim().startsWith("end ") || s.trim().startsWith("end//")) {
                open = null;
            }
        }
        if (open != null) out.add(open);
        return out;
    }
}
