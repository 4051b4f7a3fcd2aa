package callcheck.evaluation;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Decision ids as ULIDs (https://github.com/ulid/spec): 26 Crockford base-32 characters, 48 bits of milliseconds then
 * 80 random bits, so that ids sort by time as text and as bytes. Within one millisecond this process counts the
 * random part up, so the ids it makes strictly increase. Two processes draw their random parts from generators
 * seeded by SecureRandom: the chance that two ids made in the same millisecond are equal is 2^-80.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    public static final int LENGTH = 26;
    private static final SplittableRandom RANDOM = new SplittableRandom(new SecureRandom().nextLong());
    private static long lastMillis;
    private static long randomHi; // the 16 upper random bits
    private static long randomLo; // the 64 lower random bits

    private Ulid() {
    }

    /** A new id, greater than every id this process made before. */
    public static String next() {
        long millis = System.currentTimeMillis();
        long ms, hi, lo;
        synchronized (Ulid.class) {
            if (millis > lastMillis) {
                lastMillis = millis;
                randomHi = RANDOM.nextLong() & 0xFFFFL;
                randomLo = RANDOM.nextLong();
            } else if (++randomLo == 0 && ++randomHi > 0xFFFFL) {
                // 2^80 ids in one millisecond: borrow the next millisecond (the clock catches up at once)
                lastMillis++;
                randomHi = 0;
            }
            ms = lastMillis;
            hi = randomHi;
            lo = randomLo;
        }
        return format(ms, hi, lo);
    }

    /** The id of a millisecond and 80 random bits (hi16: the upper 16, lo64: the lower 64). */
    public static String format(long millis, long hi16, long lo64) {
        char[] c = new char[LENGTH];
        // 10 characters of time (50 bits, the top 2 always 0), 16 of randomness (80 bits)
        for (int i = 9; i >= 0; i--) {
            c[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // the 80 random bits as hi16:lo64, 5 bits a character from the low end
        long lo = lo64, hi = hi16;
        for (int i = 25; i >= 10; i--) {
            c[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(c);
    }

    /** Whether the text is a ULID as {@link #next} makes them (upper case). */
    public static boolean isValid(String s) {
        if (s == null || s.length() != LENGTH || s.charAt(0) > '7') return false;
        for (int i = 0; i < LENGTH; i++) if (value(s.charAt(i)) < 0) return false;
        return true;
    }

    /** The time an id was made, to the millisecond. */
    public static Instant time(String ulid) {
        if (!isValid(ulid)) throw new IllegalArgumentException("not a ULID: " + ulid);
        long ms = 0;
        for (int i = 0; i < 10; i++) ms = (ms << 5) | value(ulid.charAt(i));
        return Instant.ofEpochMilli(ms);
    }

    /** The smallest id of a millisecond: ids made at or after the instant sort at or after it. */
    public static String lowest(Instant at) {
        return format(at.toEpochMilli(), 0, 0);
    }

    private static int value(char ch) {
        for (int i = 0; i < ALPHABET.length; i++) if (ALPHABET[i] == ch) return i;
        return -1;
    }
}
