package callcheck.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.temporal.TemporalAccessor;

/**
 * Writes a date or instant held in an {@code Object} slot (a finding's values) as its ISO text, as the service does,
 * so that a plain {@code ObjectMapper} without the java.time module writes a verdict; any other value as usual.
 */
public final class TimeAsText extends StdSerializer<Object> {
    public TimeAsText() {
        super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value instanceof TemporalAccessor) gen.writeString(value.toString());
        else provider.defaultSerializeValue(value, gen);
    }
}
