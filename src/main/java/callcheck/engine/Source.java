package callcheck.engine;

/**
 * A citation as shown to users: the document's title and the section or passage. It points to the call's text; it
 * paraphrases, never copies it.
 *
 * @param document  the title of the document, as the pack's manifest lists it
 * @param section   the section or passage within it, such as {@code Budget}
 * @param sectionNl the section in Dutch where the manifest gives it apart ({@code sectionNl}); null (left out of the
 *                  JSON) when {@code section} serves both languages, as it does for every rule's source
 */
public record Source(String document, String section,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String sectionNl) {
    /**
     * A citation whose section serves both languages.
     *
     * @param document the title of the document
     * @param section  the section or passage within it
     */
    public Source(String document, String section) {
        this(document, section, null);
    }
}
