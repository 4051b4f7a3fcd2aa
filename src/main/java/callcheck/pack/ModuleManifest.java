package callcheck.pack;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module's {@code module.yaml}: rules written once and included by several packs (a programme's rules shared by
 * its calls). Its documents, parameters and assumptions join those of every pack that lists the module's folder in
 * {@link Manifest#include()}; its DRL files compile into each such pack. A module has no {@code pack.yaml}, so it is
 * never loaded as a call of its own.
 */
public record ModuleManifest(
        @JsonProperty(required = true) String title,
        Map<String, Manifest.Document> documents,
        Map<String, Manifest.ParameterSpec> parameters,
        Map<String, Manifest.AssumptionSpec> assumptions) {

    public static final String FILE = "module.yaml";

    public ModuleManifest {
        documents = documents == null ? Map.of() : new LinkedHashMap<>(documents);
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        assumptions = assumptions == null ? Map.of() : new LinkedHashMap<>(assumptions);
    }
}
