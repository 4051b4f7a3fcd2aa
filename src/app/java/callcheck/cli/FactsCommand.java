package callcheck.cli;

import callcheck.language.Labels;
import callcheck.pack.PackLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Prints, as Markdown, what a rule can match and call ({@link Facts}), with the labels of the rules folder's
 * {@code reference/labels.yaml}. {@code src/docs/facts.md} is this command's output over {@code rules/}.
 */
@Command(name = "facts", description = {"List the facts, fields, values and methods a rule can use, as Markdown.",
        "Read from the model classes, with each value's and field's labels from the rules folder's reference/labels.yaml;",
        "also the @needs path syntax and what a rule may call ($e.report, $e.plan, Parameters, Money, ReferenceData)."})
final class FactsCommand implements Callable<Integer> {
    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder whose labels to show (default: ${DEFAULT-VALUE})")
    Path rules;

    @Override
    public Integer call() {
        Labels labels;
        try {
            labels = Labels.load(rules.resolve(PackLoader.REFERENCE_DIR));
        } catch (IOException e) {
            System.err.println(rules.resolve(PackLoader.REFERENCE_DIR).resolve(Labels.FILE) + ": " + e.getMessage());
            return 2;
        }
        new Facts(labels).print(System.out);
        return 0;
    }
}
