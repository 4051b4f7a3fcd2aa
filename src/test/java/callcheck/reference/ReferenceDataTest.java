package callcheck.reference;

import callcheck.pack.PackLoader;
import callcheck.support.Packs;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceDataTest {
    private static final ReferenceData REF = PackLoader.reference(Packs.RULES);
    private static final LocalDate IN_2020 = LocalDate.of(2020, 10, 1);
    private static final LocalDate IN_2025 = LocalDate.of(2025, 3, 1);

    @Test
    void flanders_has_300_municipalities_before_the_mergers_and_285_after() {
        assertThat(REF.municipalitiesOn(IN_2020).stream().filter(Municipality::isFlemish)).hasSize(300);
        assertThat(REF.municipalitiesOn(LocalDate.of(2024, 12, 31)).stream().filter(Municipality::isFlemish)).hasSize(300);
        assertThat(REF.municipalitiesOn(LocalDate.of(2025, 1, 1)).stream().filter(Municipality::isFlemish)).hasSize(285);
        assertThat(REF.municipalitiesOn(IN_2025).stream().filter(m -> !m.isFlemish())).hasSize(19);
    }

    @Test
    void a_code_is_valid_only_on_the_dates_it_existed() {
        assertThat(REF.isFlemish("37015", IN_2020)).isTrue();   // Tielt before its merger with Meulebeke
        assertThat(REF.isFlemish("37015", IN_2025)).isFalse();
        assertThat(REF.isFlemish("37022", IN_2020)).isFalse();  // the merged Tielt
        assertThat(REF.isFlemish("37022", IN_2025)).isTrue();
        assertThat(REF.isFlemish("11002", IN_2020)).isTrue();   // Antwerpen kept its code when Borsbeek joined
        assertThat(REF.isFlemish("11002", IN_2025)).isTrue();
        assertThat(REF.isFlemish("21004", IN_2020)).isFalse();  // Brussels
    }

    @Test
    void a_pre_merger_code_in_2025_is_explained_with_the_merged_municipality() {
        assertThat(REF.whyNotFlemish("44012", IN_2025)).contains("De Pinte").contains("44086").contains("Nazareth-De Pinte");
        assertThat(REF.whyNotFlemish("44086", IN_2020)).contains("valid from 1 January 2025");
        assertThat(REF.whyNotFlemish("44021", IN_2020)).isNull();
    }

    @Test
    void small_means_flemish_and_not_a_centrumstad() {
        assertThat(REF.isSmall("37011", IN_2020)).isTrue();    // Pittem
        assertThat(REF.isSmall("12025", IN_2020)).isFalse();   // Mechelen, a centrumstad
        assertThat(REF.isSmall("71022", IN_2020)).isFalse();   // Hasselt before 2025
        assertThat(REF.isSmall("71072", IN_2025)).isFalse();   // Hasselt after its merger with Kortessem
        assertThat(REF.isSmall("21004", IN_2020)).isFalse();   // not Flemish
    }
}
