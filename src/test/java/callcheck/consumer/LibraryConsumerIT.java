package callcheck.consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A separate Maven project that depends on the library artifact as a user's application would
 * (src/test/resources/consumer): the artifact just packaged is deployed to a private file repository, the project
 * is built against it with its own rules packed in its jar, and run. Runs after {@code package} (failsafe).
 */
class LibraryConsumerIT {
    static final Path WORK = Path.of("target/consumer-it");
    static final String VERSION = System.getProperty("callcheck.version");
    static final Path LIBRARY_JAR = Path.of("target/library/callcheck-" + VERSION + ".jar");
    static Path project;
    static String tree;
    static List<String> classpath;

    @BeforeAll
    static void buildTheConsumer() throws Exception {
        deleteTree(WORK);
        Path repo = Files.createDirectories(WORK.resolve("repo"));
        project = WORK.resolve("project");
        copyTree(Path.of("src/test/resources/consumer"), project);
        // The application's own rules: the library test pack, packed into its jar as resources.
        copyTree(Path.of("src/test/resources/library/rules"), project.resolve("src/main/resources/rules"));
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@CALLCHECK_VERSION@", VERSION)
                .replace("@REPOSITORY@", repo.toAbsolutePath().toUri().toString()));

        // The library module's jar, with the standalone pom it is installed with (flattened: no parent to fetch).
        Path jar = LIBRARY_JAR;
        mvn(WORK, "deploy:deploy-file", "-Dfile=" + jar.toAbsolutePath(), "-DpomFile=" + Path.of("target/library/.flattened-pom.xml").toAbsolutePath(),
                "-Durl=" + repo.toAbsolutePath().toUri(), "-DrepositoryId=callcheck-under-test");
        Path packs = Path.of("target/packs/callcheck-packs-" + VERSION + ".jar");
        mvn(WORK, "deploy:deploy-file", "-Dfile=" + packs.toAbsolutePath(), "-DpomFile=" + Path.of("target/packs/.flattened-pom.xml").toAbsolutePath(),
                "-Durl=" + repo.toAbsolutePath().toUri(), "-DrepositoryId=callcheck-under-test");
        // A release version, once resolved, is never fetched again: the copies an earlier run put in the local
        // repository would stand in for the artifacts just built.
        for (String artifact : List.of("callcheck", "callcheck-packs")) {
            deleteTree(Path.of(System.getProperty("maven.repo.local"), "io", "github", "callcheck", artifact, VERSION));
        }
        mvn(project, "package", "dependency:tree", "-DoutputFile=tree.txt", "dependency:build-classpath",
                "-Dmdep.outputFile=classpath.txt");
        tree = Files.readString(project.resolve("tree.txt"));
        classpath = Arrays.asList(Files.readString(project.resolve("classpath.txt")).trim().split(File.pathSeparator));
    }

    @Test
    void the_dependency_tree_holds_no_server_cli_or_logging_backend() {
        assertThat(tree).contains("io.github.callcheck:callcheck:jar:" + VERSION);
        assertThat(tree.toLowerCase(Locale.ROOT)).doesNotContain("javalin", "jetty", "micrometer", "prometheus", "picocli", "logback");
        assertThat(tree).contains("org.slf4j:slf4j-api", "org.drools:drools-engine", "com.fasterxml.jackson.core:jackson-databind");
    }

    @Test
    void the_library_jar_carries_no_logging_configuration_and_names_its_module() throws IOException {
        try (JarFile jar = new JarFile(LIBRARY_JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.contains("logback"))).isEmpty();
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("callcheck");
        }
    }

    @Test
    void a_fat_jar_built_with_maven_shade_loads_and_evaluates() throws Exception {
        Path out = WORK.resolve("fat.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", project.resolve("target/consumer-1.0-all.jar").toAbsolutePath().toString(), "example.Main")
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("THREADS same", "VERDICT ELIGIBLE [] 10000", "VERDICT INELIGIBLE [900-SUBSIDY-MAX] 10000");
    }

    @Test
    void jdeps_finds_no_class_the_library_needs_outside_its_declared_dependencies() throws Exception {
        // the consumer's class path is the library and what its pom declares, transitively
        String deps = String.join(File.pathSeparator, classpath.stream().filter(e -> !e.contains("callcheck-" + VERSION)).toList());
        Path out = WORK.resolve("jdeps.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jdeps").toString(), "--multi-release", "17",
                "--missing-deps", "--class-path", deps, LIBRARY_JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed.trim()).as("classes jdeps cannot find").isEmpty();
    }

    @Test
    void the_packs_artifact_loads_from_the_class_path_with_every_call_of_the_rules_folder() throws Exception {
        List<String> cp = new ArrayList<>();
        cp.add(project.resolve("target/consumer.jar").toAbsolutePath().toString());
        cp.addAll(classpath);
        Path out = WORK.resolve("packs.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, cp), "example.Packs")
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as(printed).isZero();
        // whatever calls the analysts keep in rules/: each folder holding a pack version
        List<String> calls;
        try (Stream<Path> s = Files.list(Path.of("rules"))) {
            calls = s.filter(d -> {
                try (Stream<Path> v = Files.list(d)) {
                    return Files.isDirectory(d) && v.anyMatch(x -> Files.exists(x.resolve("pack.yaml")));
                } catch (IOException e) {
                    return false;
                }
            }).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertThat(printed).contains("CALLS " + String.join(",", calls));
    }

    @Test
    void the_library_jar_holds_the_engine_alone() throws IOException {
        try (JarFile jar = new JarFile(LIBRARY_JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("callcheck/engine/Engine.class");
            assertThat(names).noneMatch(n -> n.startsWith("callcheck/http/") || n.startsWith("callcheck/cli/")
                    || n.startsWith("callcheck/store/") || n.startsWith("callcheck/web/") || n.startsWith("db/migration/")
                    || n.startsWith("callcheck/reload/"));
        }
    }

    @Test
    void the_application_loads_its_packs_from_its_jar_builds_proposals_and_evaluates_from_four_threads() throws Exception {
        List<String> cp = new ArrayList<>();
        cp.add(project.resolve("target/consumer.jar").toAbsolutePath().toString());
        cp.addAll(classpath);
        Path out = WORK.resolve("run.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, cp), "example.Main")
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("THREADS same", "VERDICT ELIGIBLE [] 10000", "VERDICT INELIGIBLE [900-SUBSIDY-MAX] 10000",
                "REFUSED invalid_amount financing.amif INVALID_PROPOSAL");
        // Rounds, rule listings and JSON through the public API only (the consumer compiles against the library jar).
        assertThat(printed).contains("ROUND 2024-01-01 selected 2 subsidy 20000 proposed [p1, p3] score 7 optimal true",
                "ROUND REFUSED INVALID_ROUND unknown_proposal", "RULE 900-SUBSIDY-MAX BLOCKING", "PARAMETER subsidyMax 10000",
                "PLAIN JSON ok");
        // No backend came along: SLF4J falls back to its no-operation logger.
        assertThat(printed).contains("LOGGER NOPLoggerFactory");
        long bytes = 0;
        for (String jar : classpath) bytes += Files.size(Path.of(jar));
        String size = classpath.size() + " jars, " + String.format(Locale.ROOT, "%.1f", bytes / 1e6) + " MB";
        Files.writeString(WORK.resolve("classpath-size.txt"), size + "\n");
        System.out.println("consumer class path: " + size);
    }

    private static void mvn(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString());
        cmd.add("-B");
        cmd.add("-q");
        cmd.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("mvn-" + args[args.length - 1].replaceAll("\\W", "_") + ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("mvn " + cmd).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
