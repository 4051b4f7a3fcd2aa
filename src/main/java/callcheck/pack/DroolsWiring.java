package callcheck.pack;

import callcheck.engine.PackException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Whether Drools can compile on this class path. drools-wiring-dynamic and drools-wiring-static both ship
 * {@code META-INF/services/org.drools.wiring.api.ComponentsSupplier}; a fat jar built without merging service files
 * (maven-assembly's jar-with-dependencies) keeps one, and when it keeps the static one every pack fails with an error
 * that blames a rule ("Unable to create Field Extractor ... drools-wiring-static does not support this operation").
 * The dynamic supplier's class present but registered nowhere is that case; it is named with its fix instead.
 */
public final class DroolsWiring {
    static final String SERVICE = "META-INF/services/org.drools.wiring.api.ComponentsSupplier";
    static final String DYNAMIC = "org.drools.wiring.dynamic.DynamicComponentsSupplier";

    private DroolsWiring() {
    }

    /**
     * @param loader the class loader Drools is loaded by
     * @throws PackException when the loader has drools-wiring-dynamic's classes but not its service registration
     */
    public static void check(ClassLoader loader) {
        if (loader.getResource(DYNAMIC.replace('.', '/') + ".class") == null) return; // not on the class path at all
        try {
            Enumeration<URL> files = loader.getResources(SERVICE);
            while (files.hasMoreElements()) if (lists(files.nextElement(), DYNAMIC)) return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICE, e);
        }
        throw new PackException(SERVICE, "this class path holds drools-wiring-dynamic but not its entry in " + SERVICE
                + ": the jar was built by merging jars without merging their META-INF/services files (as maven-assembly's "
                + "jar-with-dependencies does), so Drools cannot compile rules (\"drools-wiring-static does not support this "
                + "operation\"). Build it with the service files merged: maven-shade-plugin with the ServicesResourceTransformer, "
                + "Gradle shadow with mergeServiceFiles(), or maven-assembly with the metaInf-services container descriptor "
                + "handler; a Spring Boot jar works as it is (callcheck's guide: src/docs/embedding.md).");
    }

    private static boolean lists(URL file, String implementation) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int hash = line.indexOf('#');
                if ((hash < 0 ? line : line.substring(0, hash)).trim().equals(implementation)) return true;
            }
        }
        return false;
    }
}
