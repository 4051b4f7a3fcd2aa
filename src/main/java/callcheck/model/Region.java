package callcheck.model;

/**
 * The 18 regions of the AMIF 2021-2027 organisation networks (calls 41 and ACT): the Brussels-Capital Region, the
 * cities of Antwerp and Ghent, and the 15 referentieregio's of Flanders. Which municipalities lie in each, on a
 * date, is reference data ({@code rules/reference/}).
 */
public enum Region {
    /** The Brussels-Capital Region (Brussels Hoofdstedelijk Gewest). */
    BRUSSELS,
    /** The city of Antwerp, which forms a network region by itself. */
    ANTWERPEN,
    /** The city of Ghent, which forms a network region by itself. */
    GENT,
    /** Referentieregio Regio Antwerpen. */
    REFREG01,
    /** Referentieregio Rivierenland. */
    REFREG02,
    /** Referentieregio Kempen. */
    REFREG03,
    /** Referentieregio Halle-Vilvoorde. */
    REFREG04,
    /** Referentieregio Oost-Brabant. */
    REFREG05,
    /** Referentieregio Regio Brugge. */
    REFREG06,
    /** Referentieregio Westhoek. */
    REFREG07,
    /** Referentieregio Zuid-West-Vlaanderen. */
    REFREG08,
    /** Referentieregio Middenkust (Regio Oostende). */
    REFREG09,
    /** Referentieregio Midwest. */
    REFREG10,
    /** Referentieregio Denderregio. */
    REFREG11,
    /** Referentieregio Vlaamse Ardennen. */
    REFREG12,
    /** Referentieregio Regio Gent. */
    REFREG13,
    /** Referentieregio Waasland. */
    REFREG14,
    /** Referentieregio Limburg. */
    REFREG15
}
