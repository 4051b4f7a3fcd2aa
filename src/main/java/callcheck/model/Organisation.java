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

    public Organisation() {
    }

    public Organisation(String name, OrganisationKind kind, String nis, List<String> members,
                        Boolean legalPersonality, List<Experience> experience) {
        this.name = name;
        this.kind = kind;
        this.nis = nis;
        this.members = members;
        this.legalPersonality = legalPersonality;
        this.experience = experience;
    }

    public String getName() { return name; }
    public OrganisationKind getKind() { return kind; }
    public String getNis() { return nis; }
    public List<String> getMembers() { return members; }
    public Boolean getLegalPersonality() { return legalPersonality; }
    public List<Experience> getExperience() { return experience; }

    /** True when the kind is known and is a local government. */
    public boolean isLocalGovernment() { return kind != null && kind.isLocalGovernment(); }

    /** True when the organisation shows practice experience in the topic. */
    public boolean hasExperience(Experience topic) { return experience != null && experience.contains(topic); }

    /**
     * The field that would name this organisation's municipalities when the proposal leaves it out: "nis" for a
     * municipality or OCMW, "members" for a cooperation; null when it is there or the kind names none.
     */
    public String getAbsentMunicipalityField() {
        if (kind == null) return null;
        if (kind.isMunicipal()) return nis == null ? "nis" : null;
        if (kind == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION) return members == null ? "members" : null;
        return null;
    }

    /**
     * True unless the kind needs codes that are absent: a municipality or OCMW without its NIS code, a cooperation
     * without its members. Rules check where an organisation lies only when it is identified, else report it missing.
     */
    public boolean isIdentified() {
        return kind != null && getAbsentMunicipalityField() == null;
    }

    /** The NIS codes this organisation covers: its own for a municipality or OCMW, its members for a cooperation. */
    public List<String> getMunicipalities() {
        if (kind == null) return List.of();
        if (kind.isMunicipal()) return nis == null ? List.of() : List.of(nis);
        if (kind == OrganisationKind.LOCAL_GOVERNMENT_COOPERATION) return members == null ? List.of() : members;
        return List.of();
    }
}
