package callcheck.store;

import java.util.Map;

/**
 * A pack version as it is archived: its digest, call and version, and the files the digest covers by their path
 * relative to the rules folder (callcheck.internal.pack.RulePack#files).
 */
public record Pack(String digest, String call, String version, Map<String, byte[]> files) {
}
