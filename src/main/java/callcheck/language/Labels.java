package callcheck.language;

import callcheck.engine.Outcome;
import callcheck.engine.Severity;
import callcheck.model.Aim;
import callcheck.model.Commitment;
import callcheck.model.Experience;
import callcheck.model.OrganisationKind;
import callcheck.model.Region;
import callcheck.model.TargetGroup;
import callcheck.model.TrajectoryForm;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words for codes and facts, in Dutch and English, that the policy analysts own: {@value #FILE} in the rules
 * folder's reference data. {@code values} gives a label to every constant of the enums a finding can show
 * ({@link #SHOWN}), {@code facts} to every proposal field a finding can name as missing, by its path with
 * {@code []} for any element ({@code partners[].legalPersonality}); a fact's label may hold {@code {n}}, the element's
 * position counted from 1.
 *
 * <pre>
 * values:
 *   OrganisationKind:
 *     NON_PROFIT: {nl: vzw, en: non-profit organisation}
 * facts:
 *   financing.totalCost: {nl: de totale kost, en: the total cost}
 * </pre>
 *
 * @param values per enum's simple name, per constant, its words
 * @param facts  per field path, its words
 */
public record Labels(Map<String, Map<String, Text>> values, Map<String, Text> facts) {
    /** The file, in the reference folder. */
    public static final String FILE = "labels.yaml";
    /** The enums whose constants a finding, the verdict or a page can show: each constant needs a label. */
    public static final List<Class<? extends Enum<?>>> SHOWN = List.of(OrganisationKind.class, TrajectoryForm.class,
            TargetGroup.class, Aim.class, Commitment.class, Region.class, Experience.class, Severity.class, Outcome.class);
    /** No labels: a rules folder without the file (a test's pack); codes and paths then show as they are. */
    public static final Labels NONE = new Labels(Map.of(), Map.of());

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * A label in both languages.
     *
     * @param nl in Dutch
     * @param en in English
     */
    public record Text(@JsonProperty(required = true) String nl, @JsonProperty(required = true) String en) {
        /**
         * The label in one language.
         *
         * @param language the language
         * @return the words, or null when the file leaves them out
         */
        public String in(Language language) {
            return language == Language.NL ? nl : en;
        }
    }

    /**
     * Labels as read; an absent map is empty.
     *
     * @param values per enum's simple name, per constant, its words
     * @param facts  per field path, its words
     */
    public Labels {
        values = values == null ? Map.of() : values;
        facts = facts == null ? Map.of() : facts;
    }

    /**
     * Reads {@value #FILE} from the reference folder.
     *
     * @param referenceFolder the rules folder's reference data, such as {@code rules/reference}
     * @return the labels; {@link #NONE} when the folder has no such file
     * @throws IOException when it cannot be read or is not labels as above (Jackson's message says where)
     */
    public static Labels load(Path referenceFolder) throws IOException {
        Path file = referenceFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) return NONE;
        Labels l = YAML.readValue(Files.readAllBytes(file), Labels.class); // bytes: the folder may be inside a jar
        return l == null ? NONE : l;
    }

    /**
     * Whether these are the labels of a rules folder that has the file, whose packs are then held to them.
     *
     * @return false for {@link #NONE}
     */
    public boolean present() {
        return this != NONE;
    }

    /**
     * A code in words.
     *
     * @param code     an enum constant
     * @param language the language
     * @return its label, or the code itself when it has none
     */
    public String value(Enum<?> code, Language language) {
        Map<String, Text> of = values.get(code.getDeclaringClass().getSimpleName());
        Text t = of == null ? null : of.get(code.name());
        return t == null || t.in(language) == null ? code.name() : t.in(language);
    }

    /**
     * A proposal field named in words: {@code partners[0].legalPersonality} by the label of
     * {@code partners[].legalPersonality}, its {@code {n}} the position 1.
     *
     * @param path     the field's path, as a MISSING finding's values give it
     * @param language the language
     * @return the label; null when the field has none
     */
    public String fact(String path, Language language) {
        Text t = facts.get(general(path));
        if (t == null || t.in(language) == null) return null;
        String label = t.in(language);
        java.util.regex.Matcher m = INDEX.matcher(path);
        String n = null;
        while (m.find()) n = m.group(1);
        return n == null ? label : label.replace("{n}", String.valueOf(Integer.parseInt(n) + 1));
    }

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[(\\d+)]");

    /**
     * The key of a field's label.
     *
     * @param path a field path, such as {@code partners[0].kind}
     * @return the path with every index written {@code []}
     */
    public static String general(String path) {
        return INDEX.matcher(path).replaceAll("[]");
    }

    /**
     * What {@code validate} refuses the file for: a code without its words.
     *
     * @return the constants of {@link #SHOWN} that lack a label in either language, as {@code Enum.CONSTANT}
     */
    public List<String> unlabelledValues() {
        List<String> out = new ArrayList<>();
        for (Class<? extends Enum<?>> e : SHOWN) {
            Map<String, Text> of = values.getOrDefault(e.getSimpleName(), Map.of());
            for (Enum<?> c : e.getEnumConstants()) {
                Text t = of.get(c.name());
                if (t == null || blank(t.nl()) || blank(t.en())) out.add(e.getSimpleName() + "." + c.name());
            }
        }
        return out;
    }

    /**
     * What {@code validate} refuses the file for: a field a rule needs without its words.
     *
     * @param paths field paths
     * @return those that lack a label in either language, sorted
     */
    public List<String> unlabelledFacts(Collection<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : new java.util.TreeSet<>(paths)) {
            Text t = facts.get(general(p));
            if (t == null || blank(t.nl()) || blank(t.en())) out.add(p);
        }
        return out;
    }

    /**
     * The codes that must never show in a finding.
     *
     * @return every constant of {@link #SHOWN}, by name
     */
    public static Map<String, Enum<?>> codes() {
        Map<String, Enum<?>> out = new LinkedHashMap<>();
        for (Class<? extends Enum<?>> e : SHOWN) for (Enum<?> c : e.getEnumConstants()) out.putIfAbsent(c.name(), c);
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
