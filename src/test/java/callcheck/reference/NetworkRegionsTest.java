package callcheck.reference;

import callcheck.model.Organisation;
import callcheck.model.OrganisationKind;
import callcheck.model.Region;
import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 18 regions of the AMIF 2021-2027 organisation networks, per date, from rules/reference/. */
class NetworkRegionsTest {
    static final ReferenceData REF = PackLoader.reference(Packs.RULES);
    static final LocalDate LAST_DAY_2024 = LocalDate.of(2024, 12, 31);
    static final LocalDate FIRST_DAY_2025 = LocalDate.of(2025, 1, 1);

    static List<String> codes(Region r, LocalDate d) {
        return REF.municipalitiesOf(r, d).stream().map(Municipality::nis).toList();
    }

    @Nested
    @DisplayName("every municipality lies in exactly one of the 18 regions")
    class Partition {
        @Test
        @DisplayName("before the mergers: 300 Flemish and 19 Brussels municipalities over 18 regions")
        void before2025() {
            assertPartition(LAST_DAY_2024, 319);
        }

        @Test
        @DisplayName("from 2025: 285 Flemish and 19 Brussels municipalities over 18 regions")
        void from2025() {
            assertPartition(FIRST_DAY_2025, 304);
        }

        private void assertPartition(LocalDate date, int municipalities) {
            List<NetworkRegion> regions = REF.networkRegionsOn(date);
            assertThat(regions).extracting(NetworkRegion::region).containsExactly(Region.values());
            assertThat(regions).allSatisfy(r -> assertThat(r.municipalities()).as(r.name()).isNotEmpty());
            assertThat(regions).allSatisfy(r -> assertThat(r.name()).isNotBlank());
            List<String> all = regions.stream().flatMap(r -> r.municipalities().stream()).map(Municipality::nis).toList();
            assertThat(all).hasSize(municipalities).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(REF.municipalitiesOn(date).stream().map(Municipality::nis).toList());
        }
    }

    @Nested
    @DisplayName("Antwerp and Ghent: the cities are regions of their own (the city-regions assumption)")
    class Cities {
        @Test
        void cityOfAntwerpIsItsOwnRegionOnly() {
            assertThat(codes(Region.ANTWERPEN, LAST_DAY_2024)).containsExactly("11002");
            assertThat(codes(Region.ANTWERPEN, FIRST_DAY_2025)).containsExactly("11002");
            assertThat(REF.inRegion("11002", Region.REFREG01, LAST_DAY_2024)).isFalse();
            assertThat(codes(Region.REFREG01, LAST_DAY_2024)).contains("11001", "11007").doesNotContain("11002");
            assertThat(REF.regionName(Region.ANTWERPEN)).isEqualTo("Stad Antwerpen");
        }

        @Test
        void cityOfGhentIsItsOwnRegionOnly() {
            assertThat(codes(Region.GENT, LAST_DAY_2024)).containsExactly("44021");
            assertThat(REF.inRegion("44021", Region.GENT, FIRST_DAY_2025)).isTrue();
            assertThat(REF.inRegion("44021", Region.REFREG13, FIRST_DAY_2025)).isFalse();
            assertThat(codes(Region.REFREG13, FIRST_DAY_2025)).contains("44083", "44088").doesNotContain("44021");
            assertThat(REF.whyNotInRegion("44021", Region.REFREG13, FIRST_DAY_2025))
                    .isEqualTo("44021 (Gent) lies in Stad Gent, not in Regio Gent");
        }

        @Test
        @DisplayName("Borsbeek lies in Regio Antwerpen until 2024; from 2025 its old code is refused, naming Antwerpen")
        void borsbeekMergesIntoTheCity() {
            assertThat(REF.regionOf("11007", LAST_DAY_2024)).contains(Region.REFREG01);
            assertThat(REF.regionOf("11007", FIRST_DAY_2025)).isEmpty();
            assertThat(REF.whyNotInRegion("11007", Region.ANTWERPEN, FIRST_DAY_2025))
                    .isEqualTo("11007 (Borsbeek) no longer existed on 1 January 2025; it merged into 11002 (Antwerpen)");
        }
    }

    @Nested
    @DisplayName("codes are date-bound: pre-merger codes until 2024, merged codes from 2025")
    class Mergers {
        @Test
        void preMergerCodeIsInItsRegionUntilTheMerger() {
            assertThat(REF.inRegion("44040", Region.REFREG13, LAST_DAY_2024)).isTrue();
            assertThat(REF.inRegion("44040", Region.REFREG13, FIRST_DAY_2025)).isFalse();
            assertThat(REF.whyNotInRegion("44040", Region.REFREG13, LAST_DAY_2024)).isNull();
            assertThat(REF.whyNotInRegion("44040", Region.REFREG13, FIRST_DAY_2025))
                    .isEqualTo("44040 (Melle) no longer existed on 1 January 2025; it merged into 44088 (Merelbeke-Melle)");
        }

        @Test
        void mergedCodeIsInItsRegionFromTheMerger() {
            assertThat(REF.inRegion("44088", Region.REFREG13, FIRST_DAY_2025)).isTrue();
            assertThat(REF.inRegion("44088", Region.REFREG13, LAST_DAY_2024)).isFalse();
            assertThat(REF.whyNotInRegion("44088", Region.REFREG13, LAST_DAY_2024))
                    .isEqualTo("44088 (Merelbeke-Melle) did not exist yet on 31 December 2024: valid from 1 January 2025");
        }

        @Test
        @DisplayName("Tielt is in Midwest by its old code (37015) until 2024 and its new one (37022) from 2025; Beveren-Kruibeke-Zwijndrecht is in Waasland")
        void otherMergers() {
            assertThat(REF.regionOf("37015", LAST_DAY_2024)).contains(Region.REFREG10);
            assertThat(REF.regionOf("37022", FIRST_DAY_2025)).contains(Region.REFREG10);
            assertThat(REF.regionOf("46030", FIRST_DAY_2025)).contains(Region.REFREG14);
        }
    }

    @Nested
    @DisplayName("whyNotInRegion explains a finding")
    class Explanations {
        @Test
        void municipalityOfAnotherRegionNamesBoth() {
            assertThat(REF.whyNotInRegion("46014", Region.REFREG13, LAST_DAY_2024))
                    .isEqualTo("46014 (Lokeren) lies in Waasland, not in Regio Gent");
            assertThat(REF.whyNotInRegion("99999", Region.REFREG13, LAST_DAY_2024)).isEqualTo("99999 is not a municipality code");
        }

        @Test
        void brusselsMunicipalitiesAreTheBrusselsRegion() {
            assertThat(codes(Region.BRUSSELS, FIRST_DAY_2025)).hasSize(19).allSatisfy(c -> assertThat(c).startsWith("21"));
        }

        @Test
        void organisations() {
            Organisation coop = new Organisation("Samenwerking", OrganisationKind.LOCAL_GOVERNMENT_COOPERATION, null,
                    List.of("44083", "46014"), true, null);
            assertThat(REF.whyNotInRegion(coop, Region.REFREG13, LAST_DAY_2024)).isEqualTo("46014 (Lokeren) lies in Waasland, not in Regio Gent");
            assertThat(REF.whyNotInRegion(coop, Region.REFREG14, LAST_DAY_2024)).isEqualTo("44083 (Deinze) lies in Regio Gent, not in Waasland");

            Organisation vgc = new Organisation("VGC", OrganisationKind.VGC, null, null, true, null);
            assertThat(REF.whyNotInRegion(vgc, Region.BRUSSELS, LAST_DAY_2024)).isNull();
            assertThat(REF.whyNotInRegion(vgc, Region.REFREG04, LAST_DAY_2024)).contains("Brussels", "Halle-Vilvoorde");

            Organisation nonProfit = new Organisation("vzw", OrganisationKind.NON_PROFIT, null, null, true, null);
            assertThat(REF.whyNotInRegion(nonProfit, Region.REFREG04, LAST_DAY_2024)).isNull();
        }
    }

    @Test
    @DisplayName("reference data that leaves out one of the 18 regions does not load")
    void everyRegionMustBeListed(@TempDir Path tmp) throws IOException {
        Path ref = Packs.RULES.resolve(PackLoader.REFERENCE_DIR);
        Files.copy(ref.resolve(ReferenceData.MUNICIPALITIES_FILE), tmp.resolve(ReferenceData.MUNICIPALITIES_FILE));
        List<String> lines = Files.readAllLines(ref.resolve(ReferenceData.REGIONS_FILE));
        Files.write(tmp.resolve(ReferenceData.REGIONS_FILE), lines.stream().filter(l -> !l.startsWith("GENT;")).toList());
        assertThatThrownBy(() -> ReferenceData.load(tmp)).hasMessageContaining("region GENT is not listed");
    }
}
