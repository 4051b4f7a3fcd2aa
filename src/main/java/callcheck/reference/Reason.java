package callcheck.reference;

/**
 * Why a municipality code or an organisation fails a reference check, in both languages of the messages, so that a
 * Dutch message holds only Dutch ({@code reden}) and an English one only English ({@code reason}).
 */
public record Reason(String nl, String en) {
    Reason suffixed(String nl, String en) {
        return new Reason(this.nl + nl, this.en + en);
    }

    @Override
    public String toString() {
        return en;
    }
}
