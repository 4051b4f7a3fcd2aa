package callcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment examples of src/deploy (compose file, Kubernetes manifests) cannot run here (no container runtime):
 * this keeps them true to the service they deploy. Each parses; three replicas; the probes on /health/live and
 * /health/ready at the port `serve` listens on; every setting they pass by the environment is one `serve` reads.
 */
class DeployExamplesTest {
    private static final Path DEPLOY = Path.of("src/deploy");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void composeRunsThreeReplicasOnOnePostgresWithSettingsTheServiceReads() throws IOException {
        JsonNode compose = documents(DEPLOY.resolve("compose.yaml")).get(0);
        JsonNode callcheck = compose.at("/services/callcheck");
        assertThat(callcheck.at("/deploy/replicas").asInt()).isEqualTo(3);
        assertThat(callcheck.at("/environment/CALLCHECK_STORE").asText()).startsWith("jdbc:postgresql://db:5432/");
        assertThat(compose.at("/services/db/image").asText()).startsWith("postgres:");
        List<String> names = new ArrayList<>();
        callcheck.get("environment").fieldNames().forEachRemaining(names::add);
        assertThat(serveEnvironment()).containsAll(names);
        List<String> health = new ArrayList<>();
        callcheck.at("/healthcheck/test").forEach(a -> health.add(a.asText()));
        assertThat(health).contains(HealthProbe.class.getName(), "/health/ready");
        assertThat(callcheck.at("/read_only").asBoolean()).isTrue();
        // the load balancer checks the same path, and trusts the address the instances are told to trust
        String haproxy = Files.readString(DEPLOY.resolve("haproxy.cfg"));
        assertThat(haproxy).contains("option httpchk GET /health/ready", "server-template callcheck- 3 callcheck:7070");
        assertThat(compose.at("/services/lb/networks/default/ipv4_address").asText())
                .isEqualTo(callcheck.at("/environment/CALLCHECK_TRUSTED_PROXIES").asText());
    }

    @Test
    void kubernetesRunsThreeNonRootReplicasProbedOnLiveAndReady() throws IOException {
        JsonNode kustomization = documents(DEPLOY.resolve("k8s/kustomization.yaml")).get(0);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode resource : kustomization.get("resources")) {
            Path file = DEPLOY.resolve("k8s").resolve(resource.asText());
            assertThat(file).exists();
            all.addAll(documents(file));
        }
        assertThat(all).allSatisfy(d -> assertThat(d.has("apiVersion") && d.has("kind")).isTrue());
        JsonNode deployment = all.stream().filter(d -> d.get("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(serveOption("--port").defaultValue()
                .replaceAll(".*:-(\\d+)}", "$1"));
        // each variable is a setting of serve, or a part of another's value ($(NAME)), as the password is of the URL
        Set<String> names = new HashSet<>(), referenced = new HashSet<>();
        for (JsonNode env : container.get("env")) {
            names.add(env.get("name").asText());
            Matcher m = Pattern.compile("\\$\\((\\w+)\\)").matcher(env.path("value").asText());
            while (m.find()) referenced.add(m.group(1));
        }
        assertThat(names).contains("CALLCHECK_STORE");
        names.removeAll(referenced);
        assertThat(serveEnvironment()).containsAll(names);
        Set<String> mounted = new HashSet<>();
        container.get("volumeMounts").forEach(v -> mounted.add(v.get("mountPath").asText()));
        assertThat(mounted).as("writable folders under a read-only root").contains("/data", "/tmp");
    }

    /** The environment variables `serve` reads its settings from (its options' defaults, ${env:NAME...}). */
    private static Set<String> serveEnvironment() {
        Set<String> names = new HashSet<>();
        Pattern env = Pattern.compile("\\$\\{env:(\\w+)");
        for (CommandLine.Model.OptionSpec o : serve().options()) {
            if (o.defaultValue() == null) continue;
            Matcher m = env.matcher(o.defaultValue());
            while (m.find()) names.add(m.group(1));
        }
        assertThat(names).contains("CALLCHECK_STORE", "CALLCHECK_PORT");
        return names;
    }

    private static CommandLine.Model.OptionSpec serveOption(String name) {
        return serve().findOption(name);
    }

    private static CommandLine.Model.CommandSpec serve() {
        // uninterpolated, so that a default reads ${env:NAME:-...} rather than its value here
        return new CommandLine(new Main()).setInterpolateVariables(false).getSubcommands().get("serve").getCommandSpec();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                if (d != null && !d.isNull() && !d.isEmpty()) out.add(d);
            }
            assertThat(out).as(file + " holds YAML").isNotEmpty();
            return out;
        }
    }
}
