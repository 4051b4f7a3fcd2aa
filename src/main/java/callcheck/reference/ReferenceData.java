package callcheck.reference;

import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The municipalities and regions the rules look up, loaded once and shared, immutable, by every
 * evaluation. Every lookup takes a date, because codes are only valid on the dates they existed.
 */
public final class ReferenceData {
    public static final String MUNICIPALITIES_FILE = "municipalities.csv";
    public static final String REGIONS_FILE = "regions.csv";

    private final Map<String, List<Municipality>> byNis;
    private final Map<String, String> regionNames;

    private ReferenceData(Map<String, List<Municipality>> byNis, Map<String, String> regionNames) {
        this.byNis = byNis;
        this.regionNames = regionNames;
    }

    /** Reads {@value #MUNICIPALITIES_FILE} and {@value #REGIONS_FILE} from the folder. */
    public static ReferenceData load(Path folder) {
        Map<String, List<Municipality>> byNis = new HashMap<>();
        for (String[] c : rows(folder.resolve(MUNICIPALITIES_FILE), 7)) {
            Municipality m = new Municipality(c[0], c[1], date(c[2]), date(c[3]), c[4], "yes".equals(c[5]),
                    c[6].isEmpty() ? null : c[6]);
            byNis.computeIfAbsent(m.nis(), k -> new ArrayList<>()).add(m);
        }
        byNis.replaceAll((k, v) -> List.copyOf(v));
        Map<String, String> names = new LinkedHashMap<>();
        for (String[] c : rows(folder.resolve(REGIONS_FILE), 2)) names.put(c[0], c[1]);
        return new ReferenceData(Map.copyOf(byNis), Collections.unmodifiableMap(names));
    }

    /** The municipality that had this code on the date, if any. */
    public Optional<Municipality> municipality(String nis, LocalDate date) {
        if (nis == null || date == null) return Optional.empty();
        for (Municipality m : byNis.getOrDefault(nis, List.of())) {
            if (m.validOn(date)) return Optional.of(m);
        }
        return Optional.empty();
    }

    /** True when the code was a Flemish municipality on the date. */
    public boolean isFlemish(String nis, LocalDate date) {
        return municipality(nis, date).map(Municipality::isFlemish).orElse(false);
    }

    /** True when every code is a Flemish municipality on the date (and there is at least one). */
    public boolean allFlemish(List<String> nis, LocalDate date) {
        if (nis == null || nis.isEmpty()) return false;
        for (String n : nis) if (!isFlemish(n, date)) return false;
        return true;
    }

    /**
     * True when the code is a Flemish municipality on the date and not a centrumstad: the working
     * definition of a small city or municipality, an assumption (rules/reference/SOURCES.md).
     */
    public boolean isSmall(String nis, LocalDate date) {
        return municipality(nis, date).map(m -> m.isFlemish() && !m.centrumstad()).orElse(false);
    }

    /**
     * True when the organisation is a local government of Flanders on the date: a municipality or OCMW whose code
     * is Flemish then, a cooperation whose every member is, or the VGC (which the calls admit for Brussels).
     */
    public boolean isFlemishLocalGovernment(Organisation o, LocalDate date) {
        if (o == null || o.getKind() == null) return false;
        return switch (o.getKind()) {
            case MUNICIPALITY, OCMW -> isFlemish(o.getNis(), date);
            case LOCAL_GOVERNMENT_COOPERATION -> allFlemish(o.getMembers(), date);
            case VGC -> true;
            default -> false;
        };
    }

    /** Why a code is not a Flemish municipality on the date, in words for a finding; null when it is one. */
    public String whyNotFlemish(String nis, LocalDate date) {
        if (nis == null) return "no NIS code";
        Optional<Municipality> now = municipality(nis, date);
        if (now.isPresent()) {
            return now.get().isFlemish() ? null : nis + " (" + now.get().name() + ") is not in Flanders";
        }
        List<Municipality> h = history(nis);
        if (h.isEmpty()) return nis + " is not a municipality code";
        Municipality m = h.get(0);
        for (Municipality x : h) if (x.until() != null && date.isAfter(x.until())) m = x;
        if (m.until() != null && date.isAfter(m.until())) {
            String merged = m.mergedInto() == null ? "" : "; it merged into " + m.mergedInto()
                    + municipality(m.mergedInto(), date).map(n -> " (" + n.name() + ")").orElse("");
            return nis + " (" + m.name() + ") no longer existed on " + date + merged;
        }
        return nis + " (" + m.name() + ") did not exist yet on " + date + ": valid from " + m.from();
    }

    /** The first code of the organisation that is not a Flemish municipality on the date, explained; or null. */
    public String whyNotFlemish(Organisation o, LocalDate date) {
        if (o == null || o.getKind() == null) return null;
        if (o.getKind() == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION && (o.getMembers() == null || o.getMembers().isEmpty())) {
            return "the cooperation names no member municipalities";
        }
        for (String nis : o.getMunicipalities()) {
            String why = whyNotFlemish(nis, date);
            if (why != null) return why;
        }
        return null;
    }

    /** Every record of a code, whatever its dates: to explain why a code is not valid on a date. */
    public List<Municipality> history(String nis) {
        return byNis.getOrDefault(nis, List.of());
    }

    /** The municipalities valid on the date, in NIS order. */
    public List<Municipality> municipalitiesOn(LocalDate date) {
        return byNis.values().stream().flatMap(List::stream).filter(m -> m.validOn(date))
                .sorted(java.util.Comparator.comparing(Municipality::nis)).toList();
    }

    /** Region codes with their names. */
    public Map<String, String> regionNames() {
        return regionNames;
    }

    private static LocalDate date(String s) {
        return s.isEmpty() ? null : LocalDate.parse(s);
    }

    /** Semicolon-separated rows after a header line; '#' starts a comment line. */
    private static List<String[]> rows(Path file, int columns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference data " + file, e);
        }
        List<String[]> out = new ArrayList<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            if (header) {
                header = false;
                continue;
            }
            String[] cells = line.split(";", -1);
            if (cells.length != columns) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + columns + " columns, found " + cells.length);
            }
            out.add(cells);
        }
        return out;
    }
}
