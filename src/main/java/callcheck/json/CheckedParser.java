package callcheck.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * A parser of what clients send that refuses text that is not Unicode (an unpaired surrogate in a string or a name)
 * and, when given a meter, tells it what every token read costs in memory once it is a tree or an object, so that
 * a body can be refused while it is read, before it holds the heap. Every way of reading on goes through
 * {@link #nextToken()}: Jackson's {@code nextFieldName()} and the like call it.
 */
public final class CheckedParser extends JsonParserDelegate {
    /**
     * What a JSON value costs at most once read: a node or an object with its map entry or list slot (a 3-byte
     * {@code {},} becomes about 100 bytes of tree); a string's characters are counted on top, two bytes each.
     */
    public static final int BYTES_PER_TOKEN = 64;

    private final LongConsumer meter;

    /** @param meter told the bytes each token costs, and may refuse by throwing; null to count nothing */
    public CheckedParser(JsonParser parser, LongConsumer meter) {
        super(parser);
        this.meter = meter;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == null) return null;
        long cost = BYTES_PER_TOKEN;
        if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
            String text = delegate.getText();
            if (Unicode.unpairedSurrogate(text) >= 0) throw new UnpairedSurrogate(this);
            cost += 2L * text.length();
        }
        if (meter != null) meter.accept(cost);
        return t;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken t = currentToken();
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) return this;
        for (int open = 1; open > 0; ) {
            JsonToken n = nextToken();
            if (n == null) return this;
            if (n.isStructStart()) open++;
            else if (n.isStructEnd()) open--;
        }
        return this;
    }

    /** The JSON path where the parser stands, such as {@code partners[0].name}; null at the top. */
    public static String path(JsonParser parser) {
        ArrayDeque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.addFirst("." + c.getCurrentName());
            else if (c.inArray() && c.getCurrentIndex() >= 0) parts.addFirst("[" + c.getCurrentIndex() + "]");
        }
        String path = String.join("", parts);
        if (path.startsWith(".")) path = path.substring(1);
        return path.isEmpty() ? null : Unicode.replaced(path); // a name at fault is no Unicode either
    }

    /** A string or a name with an unpaired UTF-16 surrogate, at {@link #field()}. */
    public static final class UnpairedSurrogate extends JsonParseException {
        private final String field;

        UnpairedSurrogate(JsonParser parser) {
            super(parser, "the text is not Unicode: it holds an unpaired UTF-16 surrogate");
            this.field = path(parser);
        }

        public String field() { return field; }

        /** The first in a chain of causes (Jackson wraps what a parser throws inside a deserializer), or null. */
        public static UnpairedSurrogate in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UnpairedSurrogate u) return u;
            }
            return null;
        }
    }
}
