package callcheck.engine;

/**
 * A citation as shown to users: the document's title and the section or passage. It points to the call's text; it
 * paraphrases, never copies it.
 *
 * @param document the title of the document, as the pack's manifest lists it
 * @param section  the section or passage within it, such as {@code Budget}
 */
public record Source(String document, String section) {
}
