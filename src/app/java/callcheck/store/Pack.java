package callcheck.store;

import java.util.Map;

/**
 * A pack version as it is archived: its digest, call and version, and the files the digest covers by their path
 * relative to the rules folder (callcheck.pack.RulePack#files).
 */
public record Pack(String digest, String call, String version, Map<String, byte[]> files) {

    /** The pack that decided, as the store archives it. */
    public static Pack of(callcheck.pack.RulePack pack) {
        return new Pack(pack.digest(), pack.call(), pack.version(), pack.files());
    }
}
