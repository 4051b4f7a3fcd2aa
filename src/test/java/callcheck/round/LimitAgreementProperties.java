package callcheck.round;

import callcheck.engine.Outcome;
import callcheck.pack.RulePack;
import callcheck.model.Region;
import callcheck.rules.RoundProposal;
import callcheck.support.Packs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search relies on each BLOCKING call-level rule's {@code @limit}; the DRL rules decide. On random selections,
 * per pinned pack version, the two agree: the DRL rules find nothing BLOCKING exactly when every limit is met.
 */
class LimitAgreementProperties {

    private static RulePack round(String call, String version) {
        return Packs.engine().packs().select(call, version, null).round();
    }

    private static boolean drlAccepts(RulePack roundPack, List<RoundProposal> selection) {
        return Rounds.verdict(roundPack, Packs.engine().packs().reference(), selection).verdict() != Outcome.INELIGIBLE;
    }

    @Property(tries = 300)
    @Label("507/2020-07-14: the budget limits agree with the DRL rules, to the cent")
    void call507(@ForAll("selections507") List<RoundProposal> selection) {
        RulePack r = round("507", "2020-07-14");
        boolean meets = Rounds.meetsLimits(r, selection);
        assertThat(meets).isEqualTo(drlAccepts(r, selection));
        bothSides(meets);
    }

    @Property(tries = 200)
    @Label("426, both versions: the budget limit agrees with the DRL rules")
    void call426(@ForAll("selections426") List<RoundProposal> selection) {
        for (String version : List.of("2017-12-22", "2018-06-27")) {
            RulePack r = round("426", version);
            boolean meets = Rounds.meetsLimits(r, selection);
            assertThat(meets).as(version).isEqualTo(drlAccepts(r, selection));
            if (version.equals("2017-12-22")) bothSides(meets);
        }
    }

    @Property(tries = 200)
    @Label("41/2022-12-22: one leader per region agrees with the DRL rules")
    void call41(@ForAll("selections41") List<RoundProposal> selection) {
        RulePack r = round("41", "2022-12-22");
        boolean meets = Rounds.meetsLimits(r, selection);
        assertThat(meets).isEqualTo(drlAccepts(r, selection));
        bothSides(meets);
    }

    /** The random selections must fall on both sides of the limits often enough for the agreement to mean something. */
    private static void bothSides(boolean meets) {
        Statistics.label("meets").collect(meets);
        Statistics.label("meets").coverage(c -> {
            c.check(true).percentage(p -> p > 15);
            c.check(false).percentage(p -> p > 15);
        });
    }

    /** Amounts near the caps: around 20 proeftuinen of up to 20,000 AMIF and VVSG each fill 400,000, give or take a cent. */
    @Provide
    Arbitrary<List<RoundProposal>> selections507() {
        Arbitrary<BigDecimal> amount = Arbitraries.oneOf(Arbitraries.just(new BigDecimal("20000")),
                Arbitraries.bigDecimals().between(new BigDecimal("15000"), new BigDecimal("20000.01")).ofScale(2));
        return proposals(amount, amount, Arbitraries.just((Region) null)).list().ofMinSize(18).ofMaxSize(26);
    }

    @Provide
    Arbitrary<List<RoundProposal>> selections426() {
        Arbitrary<BigDecimal> amount = Arbitraries.oneOf(Arbitraries.just(new BigDecimal("250000")),
                Arbitraries.bigDecimals().between(new BigDecimal("100000"), new BigDecimal("250000")).ofScale(2));
        return proposals(amount, Arbitraries.just(BigDecimal.ZERO), Arbitraries.just((Region) null)).list().ofMaxSize(9);
    }

    @Provide
    Arbitrary<List<RoundProposal>> selections41() {
        Arbitrary<BigDecimal> amount = Arbitraries.bigDecimals().between(new BigDecimal("100000"), new BigDecimal("300000")).ofScale(2);
        return proposals(amount, Arbitraries.just(BigDecimal.ZERO), Arbitraries.of(Region.class).injectNull(0.2)).list().ofMaxSize(20);
    }

    private static Arbitrary<RoundProposal> proposals(Arbitrary<BigDecimal> amif, Arbitrary<BigDecimal> vvsg, Arbitrary<Region> region) {
        return Combinators.combine(Arbitraries.strings().alpha().ofLength(4), amif, vvsg, Arbitraries.of(true, false), region)
                .as((id, a, v, small, r) -> new RoundProposal(id, Outcome.ELIGIBLE, a, v, small, r));
    }
}
