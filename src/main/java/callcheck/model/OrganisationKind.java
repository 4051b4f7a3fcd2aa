package callcheck.model;

/** What kind of body an organisation is; the local-government kinds matter to most calls. */
public enum OrganisationKind {
    /** A municipality (gemeente or stad), identified by its NIS code. */
    MUNICIPALITY,
    /** A public centre for social welfare (OCMW), identified by its municipality's NIS code. */
    OCMW,
    /** A cooperation of local governments, identified by its member municipalities' NIS codes. */
    LOCAL_GOVERNMENT_COOPERATION,
    /** The Vlaamse Gemeenschapscommissie: the Flemish community's local government in Brussels. */
    VGC,
    /** A non-profit association (vzw). */
    NON_PROFIT,
    /** A company. */
    COMPANY,
    /** A public body that is not a local government. */
    PUBLIC_BODY,
    /** A school, college or university. */
    EDUCATION,
    /** Any other kind of body. */
    OTHER;

    /**
     * Whether this kind is a local government in the sense of the calls.
     *
     * @return true for a municipality, an OCMW, their cooperation, or the VGC
     */
    public boolean isLocalGovernment() {
        return this == MUNICIPALITY || this == OCMW || this == LOCAL_GOVERNMENT_COOPERATION || this == VGC;
    }

    /**
     * Whether this kind is identified by one municipality's NIS code.
     *
     * @return true for a municipality or an OCMW
     */
    public boolean isMunicipal() {
        return this == MUNICIPALITY || this == OCMW;
    }
}
