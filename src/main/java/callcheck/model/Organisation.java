package callcheck.model;

import java.util.List;

/** An applicant, co-applicant or partner. Absent fields stay null so that rules can tell "missing" from "no". */
public final class Organisation {
    private String name;
    private OrganisationKind kind;
    private String nis;
    private List<String> members;
    private Boolean legalPersonality;
    private List<Experience> experience;

    /** An organisation with every field absent; JSON reading fills it in. */
    public Organisation() {
    }

    /**
     * An organisation as the proposal describes it. The lists are kept as given, not copied.
     *
     * @param name             its name, or null
     * @param kind             what kind of body it is, or null when not said
     * @param nis              the five-digit NIS code of the municipality, for a {@link OrganisationKind#MUNICIPALITY}
     *                         or {@link OrganisationKind#OCMW}; else null
     * @param members          the five-digit NIS codes of the member municipalities, for a
     *                         {@link OrganisationKind#LOCAL_GOVERNMENT_COOPERATION}; else null
     * @param legalPersonality whether it has legal personality, or null when not said
     * @param experience       the topics it can show practice experience in (empty: none), or null when not said
     */
    public Organisation(String name, OrganisationKind kind, String nis, List<String> members,
                        Boolean legalPersonality, List<Experience> experience) {
        this.name = name;
        this.kind = kind;
        this.nis = nis;
        this.members = members == null ? null : new java.util.ArrayList<>(members);
        this.legalPersonality = legalPersonality;
        this.experience = experience == null ? null : new java.util.ArrayList<>(experience);
    }

    /** @return the organisation's name, or null */
    public String getName() { return name; }
    /** @return what kind of body it is, or null when not said */
    public OrganisationKind getKind() { return kind; }
    /** @return the municipality's five-digit NIS code (municipality or OCMW), or null */
    public String getNis() { return nis; }
    /** @return the member municipalities' NIS codes (a cooperation), or null when not said */
    public List<String> getMembers() { return members; }
    /** @return whether it has legal personality, or null when not said */
    public Boolean getLegalPersonality() { return legalPersonality; }
    /** @return the topics it shows practice experience in, or null when not said */
    public List<Experience> getExperience() { return experience; }

    /** @return true when the kind is known and is a local government ({@link OrganisationKind#isLocalGovernment()}) */
    public boolean isLocalGovernment() { return kind != null && kind.isLocalGovernment(); }

    /**
     * Whether the organisation shows practice experience in a topic.
     *
     * @param topic the topic
     * @return true when its experience is known and includes the topic
     */
    public boolean hasExperience(Experience topic) { return experience != null && experience.contains(topic); }

    /**
     * The field that would name this organisation's municipalities when the proposal leaves it out, so that a
     * MISSING finding can name it.
     *
     * @return "nis" for a municipality or OCMW, "members" for a cooperation; null when it is there or the kind
     *         names none
     */
    public String getAbsentMunicipalityField() {
        if (kind == null) return null;
        if (kind.isMunicipal()) return nis == null ? "nis" : null;
        if (kind == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION) return members == null ? "members" : null;
        return null;
    }

    /**
     * Whether the organisation's municipalities are known. Rules check where an organisation lies only when it is
     * identified, else report it missing.
     *
     * @return true when the kind is known and does not need codes that are absent (a municipality or OCMW without
     *         its NIS code, a cooperation without its members)
     */
    public boolean isIdentified() {
        return kind != null && getAbsentMunicipalityField() == null;
    }

    /**
     * The municipalities this organisation covers.
     *
     * @return the NIS codes: its own for a municipality or OCMW, its members for a cooperation; empty for another
     *         kind or when the codes are absent
     */
    public List<String> getMunicipalities() {
        if (kind == null) return List.of();
        if (kind.isMunicipal()) return nis == null ? List.of() : List.of(nis);
        if (kind == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION) return members == null ? List.of() : members;
        return List.of();
    }

    /** Makes its lists unmodifiable, once the reader or the builder has checked them. */
    void freeze() {
        if (members != null) members = java.util.Collections.unmodifiableList(members);
        if (experience != null) experience = java.util.Collections.unmodifiableList(experience);
    }

    /**
     * A builder of an organisation, each field absent until set.
     *
     * <pre>{@code
     * Organisation tielt = Organisation.builder().name("Gemeente Tielt").kind(OrganisationKind.MUNICIPALITY).nis("37015").build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Organisation}; {@link Proposal.Builder#build()} checks it with the proposal it goes into. */
    public static final class Builder {
        private String name;
        private OrganisationKind kind;
        private String nis;
        private List<String> members;
        private Boolean legalPersonality;
        private List<Experience> experience;

        private Builder() {
        }

        /**
         * @param v its name, or null
         * @return this builder
         */
        public Builder name(String v) { name = v; return this; }
        /**
         * @param v what kind of body it is, or null when not said
         * @return this builder
         */
        public Builder kind(OrganisationKind v) { kind = v; return this; }
        /**
         * @param v the municipality's five-digit NIS code, for a municipality or OCMW
         * @return this builder
         */
        public Builder nis(String v) { nis = v; return this; }
        /**
         * @param v the member municipalities' NIS codes, for a local government cooperation
         * @return this builder
         */
        public Builder members(String... v) { members = v == null ? null : java.util.Arrays.asList(v); return this; }
        /**
         * @param v whether it has legal personality, or null when not said
         * @return this builder
         */
        public Builder legalPersonality(Boolean v) { legalPersonality = v; return this; }
        /**
         * @param v the topics it shows practice experience in (none: no experience)
         * @return this builder
         */
        public Builder experience(Experience... v) { experience = v == null ? null : java.util.Arrays.asList(v); return this; }

        /**
         * The organisation as set so far.
         *
         * @return the organisation
         */
        public Organisation build() {
            return new Organisation(name, kind, nis, members, legalPersonality, experience);
        }
    }
}
