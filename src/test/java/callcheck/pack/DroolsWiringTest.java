package callcheck.pack;

import callcheck.engine.PackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A class path merged as maven-assembly's jar-with-dependencies merges it is named, with its fix. */
class DroolsWiringTest {

    @Test
    void the_projects_own_class_path_is_fine() {
        assertThatCode(() -> DroolsWiring.check(getClass().getClassLoader())).doesNotThrowAnyException();
    }

    @Test
    void the_dynamic_wiring_classes_without_their_service_entry_are_named_with_the_fix(@TempDir Path jar) throws Exception {
        // As a jar-with-dependencies holds it: both wiring jars' classes, and the services file of the static one only.
        Path clazz = jar.resolve(DroolsWiring.DYNAMIC.replace('.', '/') + ".class");
        Files.createDirectories(clazz.getParent());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DroolsWiring.DYNAMIC.replace('.', '/') + ".class")) {
            Files.write(clazz, in.readAllBytes());
        }
        Path services = jar.resolve(DroolsWiring.SERVICE);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# a comment\norg.drools.wiring.statics.StaticComponentsSupplier\n");
        try (URLClassLoader merged = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> DroolsWiring.check(merged)).isInstanceOfSatisfying(PackException.class, e -> {
                assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.file()).isEqualTo(DroolsWiring.SERVICE));
                assertThat(e.getMessage()).contains("ServicesResourceTransformer", "mergeServiceFiles()", "metaInf-services");
            });
            // Both entries merged into one file, as the services transformer writes it: fine.
            Files.writeString(services, "org.drools.wiring.statics.StaticComponentsSupplier\n" + DroolsWiring.DYNAMIC + "\n");
            assertThatCode(() -> DroolsWiring.check(merged)).doesNotThrowAnyException();
        }
    }
}
