package callcheck.reference;

import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The municipalities and regions the rules look up, loaded once and shared, immutable, by every
 * evaluation. Every lookup takes a date, because codes are only valid on the dates they existed.
 * <p>
 * Regions are those of the AMIF 2021-2027 organisation networks ({@link Region}): a municipality belongs to
 * its referentieregio's network, except a city that forms a region by itself (Antwerp, Ghent: the {@code city}
 * column of {@value #REGIONS_FILE}), which belongs to that region only.
 */
public final class ReferenceData {
    /** The municipalities with their dates, regions and mergers, in the reference folder. */
    public static final String MUNICIPALITIES_FILE = "municipalities.csv";
    /** The network regions' codes, names and the cities that form a region by themselves. */
    public static final String REGIONS_FILE = "regions.csv";

    private final Map<String, List<Municipality>> byNis;
    private final Map<String, String> regionNames;
    /** The cities that form a network region by themselves, by NIS code. */
    private final Map<String, Region> cityRegions;

    private ReferenceData(Map<String, List<Municipality>> byNis, Map<String, String> regionNames, Map<String, Region> cityRegions) {
        this.byNis = byNis;
        this.regionNames = regionNames;
        this.cityRegions = cityRegions;
    }

    /**
     * Reads {@value #MUNICIPALITIES_FILE} and {@value #REGIONS_FILE} from the folder: semicolon-separated, UTF-8,
     * with a header line; a line starting with {@code #} is a comment.
     *
     * @param folder the reference folder, such as {@code rules/reference}; on disk or in a zip or jar file system
     * @return the reference data
     * @throws java.io.UncheckedIOException when a file cannot be read
     * @throws IllegalArgumentException     when a row has the wrong number of columns or the files disagree (a
     *                                      region not listed, a city that is no municipality)
     * @throws java.time.format.DateTimeParseException when a date is not written as YYYY-MM-DD
     */
    public static ReferenceData load(Path folder) {
        Map<String, List<Municipality>> byNis = new HashMap<>();
        for (String[] c : rows(folder.resolve(MUNICIPALITIES_FILE), 7)) {
            Municipality m = new Municipality(c[0], c[1], date(c[2]), date(c[3]), c[4], "yes".equals(c[5]),
                    c[6].isEmpty() ? null : c[6]);
            byNis.computeIfAbsent(m.nis(), k -> new ArrayList<>()).add(m);
        }
        byNis.replaceAll((k, v) -> List.copyOf(v));
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Region> cities = new HashMap<>();
        Path regionsFile = folder.resolve(REGIONS_FILE);
        for (String[] c : rows(regionsFile, 3)) {
            names.put(c[0], c[1]);
            if (!c[2].isEmpty()) {
                if (!byNis.containsKey(c[2])) throw new IllegalArgumentException(regionsFile + ": region " + c[0] + " names city " + c[2] + ", which is not a municipality code");
                cities.put(c[2], region(c[0], regionsFile));
            }
        }
        for (Region r : Region.values()) {
            if (!names.containsKey(r.name())) throw new IllegalArgumentException(regionsFile + ": region " + r + " is not listed");
        }
        for (List<Municipality> ms : byNis.values()) {
            for (Municipality m : ms) {
                if (!names.containsKey(m.region())) throw new IllegalArgumentException(folder.resolve(MUNICIPALITIES_FILE) + ": " + m.nis() + " has region " + m.region() + ", which " + REGIONS_FILE + " does not list");
            }
        }
        return new ReferenceData(Map.copyOf(byNis), Collections.unmodifiableMap(names), Map.copyOf(cities));
    }

    private static Region region(String code, Path file) {
        try {
            return Region.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + code + " forms a city region but is not one of " + java.util.Arrays.toString(Region.values()));
        }
    }

    /**
     * The municipality that had a code on a date.
     *
     * @param nis  the NIS code, or null
     * @param date the date, or null
     * @return the record valid on the date; empty when there is none or either argument is null
     */
    public Optional<Municipality> municipality(String nis, LocalDate date) {
        if (nis == null || date == null) return Optional.empty();
        for (Municipality m : byNis.getOrDefault(nis, List.of())) {
            if (m.validOn(date)) return Optional.of(m);
        }
        return Optional.empty();
    }

    /**
     * Whether a code was a Flemish municipality on a date.
     *
     * @param nis  the NIS code, or null
     * @param date the date
     * @return true when the code was valid on the date and lies in Flanders
     */
    public boolean isFlemish(String nis, LocalDate date) {
        return municipality(nis, date).map(Municipality::isFlemish).orElse(false);
    }

    /**
     * Whether every code of a list was a Flemish municipality on a date.
     *
     * @param nis  the NIS codes, or null
     * @param date the date
     * @return true when there is at least one code and each is a Flemish municipality on the date
     */
    public boolean allFlemish(List<String> nis, LocalDate date) {
        if (nis == null || nis.isEmpty()) return false;
        for (String n : nis) if (!isFlemish(n, date)) return false;
        return true;
    }

    /**
     * Whether a code is a small city or municipality on a date: a Flemish municipality that is not a centrumstad.
     * That working definition is an assumption (rules/reference/SOURCES.md).
     *
     * @param nis  the NIS code, or null
     * @param date the date
     * @return true when the code is a Flemish municipality on the date and not a centrumstad
     */
    public boolean isSmall(String nis, LocalDate date) {
        return municipality(nis, date).map(m -> m.isFlemish() && !m.centrumstad()).orElse(false);
    }

    /**
     * Whether an organisation is a local government of Flanders on a date.
     *
     * @param o    the organisation, or null
     * @param date the date
     * @return true for a municipality or OCMW whose code is Flemish then, a cooperation whose every member is (and
     *         that names at least one), or the VGC (which the calls admit for Brussels)
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

    /**
     * Why a code is not a Flemish municipality on a date, in words for a finding.
     *
     * @param nis  the NIS code, or null
     * @param date the date
     * @return in English: absent, not in Flanders, unknown, not yet valid, or merged away (naming what it merged
     *         into); null when it is a Flemish municipality then
     */
    public String whyNotFlemish(String nis, LocalDate date) {
        Reason r = reasonNotFlemish(nis, date);
        return r == null ? null : r.en();
    }

    /**
     * {@link #whyNotFlemish(String, LocalDate)} in Dutch and English.
     *
     * @param nis  a NIS code, or null
     * @param date the day that counts
     * @return why the code is no Flemish municipality on that day, in both languages; null when it is one
     */
    public Reason reasonNotFlemish(String nis, LocalDate date) {
        if (nis == null) return NO_NIS;
        Optional<Municipality> now = municipality(nis, date);
        if (now.isPresent()) {
            String it = nis + " (" + now.get().name() + ")";
            return now.get().isFlemish() ? null : new Reason(it + " ligt niet in Vlaanderen", it + " is not in Flanders");
        }
        return whyNotValid(nis, date);
    }

    private static final Reason NO_NIS = new Reason("geen NIS-code", "no NIS code");
    private static final Reason NO_MEMBERS = new Reason("het samenwerkingsverband noemt geen gemeenten als leden",
            "the cooperation names no member municipalities");

    /**
     * Why a code that is not valid on the date is not: unknown, not yet created, or merged away (naming the
     * municipality it merged into, as it is called on the date).
     */
    private Reason whyNotValid(String nis, LocalDate date) {
        List<Municipality> h = history(nis);
        if (h.isEmpty()) return new Reason(nis + " is geen gemeentecode", nis + " is not a municipality code");
        Municipality m = h.get(0);
        for (Municipality x : h) if (x.until() != null && date.isAfter(x.until())) m = x;
        String it = nis + " (" + m.name() + ")";
        if (m.until() != null && date.isAfter(m.until())) {
            Reason gone = new Reason(it + " bestond niet meer op " + nl(date), it + " no longer existed on " + en(date));
            if (m.mergedInto() == null) return gone;
            String into = m.mergedInto() + municipality(m.mergedInto(), date).map(n -> " (" + n.name() + ")").orElse("");
            return gone.suffixed("; de gemeente fusioneerde tot " + into, "; it merged into " + into);
        }
        return new Reason(it + " bestond nog niet op " + nl(date) + ": geldig vanaf " + nl(m.from()),
                it + " did not exist yet on " + en(date) + ": valid from " + en(m.from()));
    }

    // Reasons go into findings' messages: dates written as each language writes them.
    private static String nl(LocalDate d) {
        return callcheck.language.Wording.date(d, callcheck.language.Language.NL);
    }

    private static String en(LocalDate d) {
        return callcheck.language.Wording.date(d, callcheck.language.Language.EN);
    }

    /**
     * Why an organisation's municipalities are not all Flemish on a date, in words for a finding.
     *
     * @param o    the organisation, or null
     * @param date the date
     * @return the first code that is not a Flemish municipality on the date, explained, or that a cooperation names
     *         no members; null when all are Flemish, when the kind names no municipality (a non-profit, say), or
     *         when the organisation or its kind is absent
     */
    public String whyNotFlemish(Organisation o, LocalDate date) {
        Reason r = reasonNotFlemish(o, date);
        return r == null ? null : r.en();
    }

    /**
     * {@link #whyNotFlemish(Organisation, LocalDate)} in Dutch and English.
     *
     * @param o    an organisation, or null
     * @param date the day that counts
     * @return why it lies outside Flanders on that day, in both languages; null when it does not, or cannot be told
     */
    public Reason reasonNotFlemish(Organisation o, LocalDate date) {
        if (o == null || o.getKind() == null) return null;
        if (o.getKind() == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION && (o.getMembers() == null || o.getMembers().isEmpty())) {
            return NO_MEMBERS;
        }
        for (String nis : o.getMunicipalities()) {
            Reason why = reasonNotFlemish(nis, date);
            if (why != null) return why;
        }
        return null;
    }

    /**
     * Every record of a code, whatever its dates: to explain why a code is not valid on a date.
     *
     * @param nis the NIS code
     * @return its records in file order; empty for an unknown code
     */
    public List<Municipality> history(String nis) {
        return byNis.getOrDefault(nis, List.of());
    }

    /**
     * The municipalities valid on a date.
     *
     * @param date the date
     * @return their records, in NIS order
     */
    public List<Municipality> municipalitiesOn(LocalDate date) {
        return byNis.values().stream().flatMap(List::stream).filter(m -> m.validOn(date))
                .sorted(java.util.Comparator.comparing(Municipality::nis)).toList();
    }

    /**
     * The network regions' codes with their names.
     *
     * @return the names by code ({@link Region} names), in file order; unmodifiable
     */
    public Map<String, String> regionNames() {
        return regionNames;
    }

    /**
     * The name of a network region.
     *
     * @param region the region
     * @return its name, such as "Regio Gent"
     */
    public String regionName(Region region) {
        return regionNames.get(region.name());
    }

    /**
     * The network region a municipality code belongs to on a date.
     *
     * @param nis  the NIS code
     * @param date the date
     * @return the city's own region for Antwerp and Ghent, else its referentieregio or Brussels; empty when the code
     *         is not a municipality on that date
     */
    public Optional<Region> regionOf(String nis, LocalDate date) {
        return municipality(nis, date).map(m -> cityRegions.getOrDefault(m.nis(), Region.valueOf(m.region())));
    }

    /**
     * Whether a code lies in a network region on a date.
     *
     * @param nis    the NIS code
     * @param region the region, or null
     * @param date   the date
     * @return true when the code is a municipality on the date and belongs to the region then
     */
    public boolean inRegion(String nis, Region region, LocalDate date) {
        return region != null && regionOf(nis, date).map(region::equals).orElse(false);
    }

    /**
     * The municipalities of a network region on a date.
     *
     * @param region the region
     * @param date   the date
     * @return their records, in NIS order
     */
    public List<Municipality> municipalitiesOf(Region region, LocalDate date) {
        return municipalitiesOn(date).stream().filter(m -> inRegion(m.nis(), region, date)).toList();
    }

    /**
     * Every network region with its name and its municipalities on a date.
     *
     * @param date the date
     * @return the 18 regions in the order of {@link Region}
     */
    public List<NetworkRegion> networkRegionsOn(LocalDate date) {
        Map<Region, List<Municipality>> by = new EnumMap<>(Region.class);
        for (Region r : Region.values()) by.put(r, new ArrayList<>());
        for (Municipality m : municipalitiesOn(date)) by.get(regionOf(m.nis(), date).orElseThrow()).add(m);
        return by.entrySet().stream().map(e -> new NetworkRegion(e.getKey(), regionName(e.getKey()), List.copyOf(e.getValue()))).toList();
    }

    /**
     * Why a code does not lie in a network region on a date, in words for a finding.
     *
     * @param nis    the NIS code, or null
     * @param region the region
     * @param date   the date
     * @return in English: absent, not valid on the date (and why), or the region it lies in instead; null when it
     *         lies in the region
     */
    public String whyNotInRegion(String nis, Region region, LocalDate date) {
        Reason r = reasonNotInRegion(nis, region, date);
        return r == null ? null : r.en();
    }

    /**
     * {@link #whyNotInRegion(String, Region, LocalDate)} in Dutch and English.
     *
     * @param nis    a NIS code, or null
     * @param region the network region
     * @param date   the day that counts
     * @return why the code lies outside the region on that day, in both languages; null when it lies inside
     */
    public Reason reasonNotInRegion(String nis, Region region, LocalDate date) {
        if (nis == null) return NO_NIS;
        Optional<Municipality> now = municipality(nis, date);
        if (now.isEmpty()) return whyNotValid(nis, date);
        Region actual = regionOf(nis, date).orElseThrow();
        if (actual == region) return null;
        String it = nis + " (" + now.get().name() + ")";
        return new Reason(it + " ligt in " + regionName(actual) + ", niet in " + regionName(region),
                it + " lies in " + regionName(actual) + ", not in " + regionName(region));
    }

    /**
     * Why an organisation's municipalities do not all lie in a network region on a date. The VGC works in Brussels
     * only.
     *
     * @param o      the organisation, or null
     * @param region the region, or null
     * @param date   the date
     * @return the first municipality that does not, explained, or that a cooperation names no members; null when
     *         they do, when the organisation names no municipality (a non-profit, say), or when an argument or the
     *         kind is absent
     */
    public String whyNotInRegion(Organisation o, Region region, LocalDate date) {
        Reason r = reasonNotInRegion(o, region, date);
        return r == null ? null : r.en();
    }

    /**
     * {@link #whyNotInRegion(Organisation, Region, LocalDate)} in Dutch and English.
     *
     * @param o      an organisation, or null
     * @param region the network region, or null
     * @param date   the day that counts
     * @return why it lies outside the region on that day, in both languages; null when it lies inside or cannot be told
     */
    public Reason reasonNotInRegion(Organisation o, Region region, LocalDate date) {
        if (o == null || o.getKind() == null || region == null) return null;
        if (o.getKind() == OrganisationKind.VGC) {
            return region == Region.BRUSSELS ? null : new Reason("de VGC werkt in " + regionName(Region.BRUSSELS) + ", niet in " + regionName(region),
                    "the VGC works in " + regionName(Region.BRUSSELS) + ", not in " + regionName(region));
        }
        if (o.getKind() == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION && (o.getMembers() == null || o.getMembers().isEmpty())) {
            return NO_MEMBERS;
        }
        for (String nis : o.getMunicipalities()) {
            Reason why = reasonNotInRegion(nis, region, date);
            if (why != null) return why;
        }
        return null;
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
