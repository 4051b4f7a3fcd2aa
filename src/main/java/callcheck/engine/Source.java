package callcheck.engine;

/** A citation as shown to users: the document's title and the section or passage. */
public record Source(String document, String section) {
}
