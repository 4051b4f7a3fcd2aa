package callcheck.cli;

import callcheck.engine.Finding;
import callcheck.engine.Verdict;
import callcheck.evaluation.LoadReport;
import callcheck.evaluation.PackEngine;
import callcheck.examples.Example;
import callcheck.examples.ExpectedFile;
import callcheck.model.ProposalReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Makes an example from another: copies {@code examples/<call>/<from>.json} with fields changed
 * ({@code --set financing.amif=25000}), evaluates it, shows the verdict, the findings and the financing plan, and,
 * once confirmed (or with {@code --yes}), writes {@code <name>.json} and {@code <name>.expected.json}. Exit 0 when
 * written, 1 when not confirmed, 2 on an error (no such example, a path or value the proposal cannot take).
 */
@Command(name = "example", description = {"Make an example from another with fields changed, show its result, and write it once confirmed.",
        "Writes the example and its .expected.json once confirmed (or with --yes); --force overwrites an example of that name.",
        "Exit 0 written, 1 not confirmed, 2 on an error."})
final class ExampleCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Option(names = "--call", required = true, description = "call id, e.g. 507")
    String call;

    @Option(names = "--from", required = true, description = "the example to start from (its name, without .json)")
    String from;

    @Option(names = "--name", required = true, description = "the new example's name")
    String name;

    @Option(names = "--set", description = "path=value, e.g. financing.amif=25000, partners[0].kind=COMPANY, submittedOn=2021-03-01;"
            + " a field that holds text takes the value as written (applicant.nis=37015); another takes JSON (a number, true, null, [..], {..}) or else text")
    List<String> sets = List.of();

    @Option(names = "--about", description = "what the example shows (the expected file's about)")
    String about;

    @Option(names = "--version", description = "pin this pack version in the expected file")
    String version;

    @Option(names = "--yes", description = "write without asking")
    boolean yes;

    @Option(names = "--force", description = "overwrite an example of that name (and its expected result)")
    boolean force;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--examples", defaultValue = "examples", description = "examples folder (default: ${DEFAULT-VALUE})")
    Path examples;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        Path dir = examples.resolve(call);
        Path source = dir.resolve(from + ".json");
        Path target = dir.resolve(name + ".json");
        if (!Files.isRegularFile(source)) {
            System.err.println(source + ": no such example");
            return 2;
        }
        if (Files.exists(target) && !force) {
            System.err.println(target + " exists already (--force to overwrite it)");
            return 2;
        }
        ObjectNode proposal;
        try {
            proposal = (ObjectNode) MAPPER.readTree(Files.readAllBytes(source));
            for (String s : sets) set(proposal, s);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        callcheck.pack.CompiledPackCache packCache = cache.open();
        LoadReport report;
        try {
            report = ValidateCommand.load(rules, System.err, call, packCache);
        } finally {
            CacheOption.finish(packCache);
        }
        if (report == null) return 2;
        Verdict verdict;
        String text;
        try {
            text = MAPPER.writeValueAsString(proposal) + "\n";
            verdict = new PackEngine(report.packs()).evaluate(call, version, ProposalReader.read(text));
        } catch (callcheck.model.InvalidProposalException e) {
            System.err.println((e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            return 2;
        } catch (RuntimeException | JsonProcessingException e) { // no version for its date, an unknown call
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println(call + "/" + name + " (from " + from + "), version " + verdict.version() + ": " + verdict.verdict());
        for (Finding f : verdict.findings()) System.out.println("  " + f.rule() + " " + f.severity() + ": " + f.message().en());
        System.out.println("  financing  " + Accept.financing(verdict.financing()));
        if (!yes) {
            System.out.print("Write " + target + " and its expected result? [y/N] ");
            System.out.flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                answer = null;
            }
            System.out.println();
            if (answer == null || !List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
                System.out.println("Nothing written.");
                return 1;
            }
        }
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cannot write " + target + ": " + e.getMessage());
            return 2;
        }
        Path expected = dir.resolve(name + Example.EXPECTED_SUFFIX);
        ExpectedFile.write(expected, verdict, List.copyOf(new TreeSet<>(verdict.findings().stream().map(Finding::rule).toList())),
                about != null ? about : "Made from " + from + (sets.isEmpty() ? "" : " with " + String.join(", ", sets)) + ".");
        if (version != null) pin(expected);
        System.out.println("wrote " + target + " and " + expected);
        return 0;
    }

    private void pin(Path expected) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readAllBytes(expected));
            root.put("version", version);
            Files.writeString(expected, ExpectedFile.text(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Applies one {@code path=value}: objects and list elements on the way must exist, except the last field. */
    static void set(ObjectNode root, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--set '" + assignment + "': write path=value");
        String path = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1);
        // A field that holds text takes the value as written: a NIS code 37015 is not the number 37015.
        JsonNode value = Facts.typeAt(path) == String.class ? TextNode.valueOf(text) : value(text);
        JsonNode node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int bracket = part.indexOf('[');
            String field = bracket < 0 ? part : part.substring(0, bracket);
            boolean last = i == parts.length - 1;
            if (!(node instanceof ObjectNode object)) throw new IllegalArgumentException("--set " + path + ": '" + field + "' is not inside an object");
            if (bracket < 0) {
                if (last) object.set(field, value);
                else node = object.get(field);
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("--set " + path + ": '" + part + "' is not field[index]");
            }
            if (!(object.get(field) instanceof ArrayNode list) || index < 0 || index > list.size() || !last && index == list.size()) {
                throw new IllegalArgumentException("--set " + path + ": " + field + " has no element " + index);
            }
            if (last) {
                if (index == list.size()) list.add(value);
                else list.set(index, value);
            } else {
                node = list.get(index);
            }
        }
    }

    private static JsonNode value(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
