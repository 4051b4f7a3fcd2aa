package callcheck.model;

/** What kind of body an organisation is; the local-government kinds matter to most calls. */
public enum OrganisationKind {
    MUNICIPALITY, OCMW, LOCAL_GOVERNMENT_COOPERATION, VGC, NON_PROFIT, COMPANY, PUBLIC_BODY, EDUCATION, OTHER;

    /** A local government in the sense of the calls: municipality, OCMW, their cooperation, or the VGC. */
    public boolean isLocalGovernment() {
        return this == MUNICIPALITY || this == OCMW || this == LOCAL_GOVERNMENT_COOPERATION || this == VGC;
    }

    /** Kinds that are identified by one municipality's NIS code. */
    public boolean isMunicipal() {
        return this == MUNICIPALITY || this == OCMW;
    }
}
