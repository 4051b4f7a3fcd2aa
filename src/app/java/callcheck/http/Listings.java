package callcheck.http;

import callcheck.engine.RuleDescription;
import callcheck.evaluation.PackSet;
import callcheck.pack.Lineage;
import callcheck.pack.Manifest;
import callcheck.rules.Parameter;
import callcheck.pack.RuleInfo;
import callcheck.pack.RulePack;
import callcheck.engine.Source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the listing endpoints answer, read from the packs now serving: calls, one call's versions, a version's rules. */
final class Listings {

    private Listings() {
    }

    /** GET /v1/calls: every call with its versions, and what the service keeps of a proposal. */
    record Calls(List<CallSummary> calls, About service) {
    }

    /**
     * What an applicant is told before sending a proposal.
     *
     * @param storesDecisions    whether each evaluation is recorded (its proposal, verdict and time) under its decision id
     * @param keepsProposalsDays with a store, the days a proposal is kept before it is erased (its verdict stays);
     *                           null when proposals are kept until the store is deleted, or nothing is stored
     * @param contact            whom to ask about the service and what it keeps ({@code serve --contact}), or null
     */
    record About(boolean storesDecisions, Integer keepsProposalsDays, String contact) {
    }

    record CallSummary(String id, String title, String programme, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String programmeNl, List<VersionSummary> versions) {
    }

    /** A version: the submission dates it governs and the digest of exactly what decides. */
    record VersionSummary(String version, Manifest.Submissions submissions, String digest) {
    }

    /** GET /v1/calls/{call}: the call's versions, each with its parameters and the documents it cites. */
    record Call(String id, String title, String programme, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String programmeNl, List<VersionDetail> versions) {
    }

    /**
     * @param extendsVersion for a version that states only what differs, the version it extends; its {@code statedRules}
     *                       are the rule ids it writes itself (added or replaced), {@code removedRules} those it removes;
     *                       all three absent for a full version
     */
    record VersionDetail(String version, Manifest.Submissions submissions, String digest,
                         Map<String, ParameterView> parameters, Map<String, Manifest.Document> documents,
                         Map<String, String> assumptions, Map<String, String> assumptionsNl,
                         @com.fasterxml.jackson.annotation.JsonProperty("extends") @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String extendsVersion,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<String> statedRules,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<String> removedRules) {
    }

    /**
     * A number of the call: its value (null when the sources do not give it) with its source or the assumption, and
     * whether the version inherits it from the one it extends; the description and the assumption in Dutch beside
     * the English.
     */
    record ParameterView(String type, Object value, String description, String descriptionNl, Source source, String assumption,
                         String assumptionNl, boolean unknown, boolean inherited) {
    }

    /** GET /v1/calls/{call}/rules: the rules of one version. */
    /** @param callLevelRules the rules on a round of proposals (round*.drl, POST /v1/calls/{call}/rounds); empty when none */
    record Rules(String call, String version, String digest, List<RuleDescription> rules, List<RuleDescription> callLevelRules) {
    }

    /** GET /v1/reference/regions: the 18 regions of the AMIF 2021-2027 networks with their municipalities on a date. */
    record Regions(java.time.LocalDate date, String assumption, List<RegionView> regions) {
    }

    record RegionView(String code, String name, List<MunicipalityView> municipalities) {
    }

    record MunicipalityView(String nis, String name) {
    }

    static Regions regions(PackSet packs, java.time.LocalDate date) {
        String assumption = packs.all().stream().map(pack -> pack.manifest().assumptions().get(CITY_REGIONS))
                .filter(java.util.Objects::nonNull).map(Manifest.AssumptionSpec::text).findFirst().orElse(null);
        return new Regions(date, assumption, packs.reference().networkRegionsOn(date).stream()
                .map(r -> new RegionView(r.region().name(), r.name(), r.municipalities().stream()
                        .map(m -> new MunicipalityView(m.nis(), m.name())).toList()))
                .toList());
    }

    /** The programme module's assumption on how the cities relate to their referentieregio: shown with the regions. */
    private static final String CITY_REGIONS = "city-regions";

    static Calls calls(PackSet packs, About about) {
        return new Calls(packs.calls().stream().map(call -> {
            List<RulePack> versions = packs.versions(call);
            Manifest newest = versions.get(versions.size() - 1).manifest();
            return new CallSummary(call, newest.title(), newest.programme(), newest.programmeNl(), versions.stream()
                    .map(p -> new VersionSummary(p.version(), p.manifest().submissions(), p.digest())).toList());
        }).toList(), about);
    }

    static Call call(PackSet packs, String call) {
        List<RulePack> versions = packs.versions(call);
        Manifest newest = versions.get(versions.size() - 1).manifest();
        return new Call(call, newest.title(), newest.programme(), newest.programmeNl(), versions.stream().map(Listings::detail).toList());
    }

    /** The rules of the named version, or of the newest one. */
    static Rules rules(PackSet packs, String call, String version) {
        List<RulePack> versions = packs.versions(call);
        RulePack pack = version == null ? versions.get(versions.size() - 1) : packs.select(call, version, null);
        List<RuleDescription> callLevel = pack.round() == null ? List.of() : pack.round().primaryRules().stream().map(RuleInfo::description).toList();
        return new Rules(call, pack.version(), pack.digest(), pack.primaryRules().stream().map(RuleInfo::description).toList(), callLevel);
    }

    private static VersionDetail detail(RulePack p) {
        Map<String, ParameterView> parameters = new LinkedHashMap<>();
        // In the manifest's order, which groups them as the call does.
        for (String name : p.manifest().parameters().keySet()) {
            Parameter q = p.parameters().get(name);
            parameters.put(q.name(), new ParameterView(q.type().name().toLowerCase(Locale.ROOT), q.value(), q.description(),
                    q.descriptionNl(), q.source(), q.assumption(), q.assumptionNl(), q.isUnknown(), p.lineage() != null && !p.lineage().states(name)));
        }
        Map<String, String> assumptions = new LinkedHashMap<>(), assumptionsNl = new LinkedHashMap<>();
        p.manifest().assumptions().forEach((id, a) -> {
            assumptions.put(id, a.text());
            assumptionsNl.put(id, a.textNl());
        });
        Lineage l = p.lineage();
        List<String> stated = l == null ? null : java.util.stream.Stream.concat(p.rules().stream(),
                p.round() == null ? java.util.stream.Stream.<RuleInfo>empty() : p.round().rules().stream())
                .filter(p::states).map(RuleInfo::id).distinct().sorted().toList();
        return new VersionDetail(p.version(), p.manifest().submissions(), p.digest(), parameters,
                new LinkedHashMap<>(p.manifest().documents()), assumptions, assumptionsNl, l == null ? null : l.extendsVersion(), stated,
                l == null ? null : List.copyOf(l.removed()));
    }
}
