package callcheck.cli;

import callcheck.evaluation.PackEngine;
import callcheck.pack.CompiledPackCache;
import callcheck.pack.PackLoader;
import callcheck.pack.PackOptions;

import callcheck.engine.Outcome;
import callcheck.engine.Verdict;
import callcheck.model.InvalidProposalException;
import callcheck.json.Json;
import callcheck.model.ProposalReader;
import callcheck.engine.UnknownCallException;
import callcheck.engine.PackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Evaluates one proposal file and prints the verdict as JSON. Exit 0 eligible, 1 ineligible, 3 incomplete, 2 error (the
 * proposal or the rules are wrong, a rule throws or runs past the time budget).
 */
@Command(name = "check", description = "Evaluate a proposal (JSON file) and print the verdict as JSON.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--call", required = true, description = "call id, e.g. 507")
    String call;

    @Option(names = "--version", description = "pin a pack version instead of choosing by submittedOn")
    String version;

    @Option(names = "--rules", defaultValue = "${env:CALLCHECK_RULES:-rules}", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @picocli.CommandLine.Mixin
    CacheOption cache;

    @Parameters(index = "0", description = "the proposal JSON file")
    Path proposal;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CompiledPackCache packCache = cache.open();
        try {
            PackEngine engine = PackEngine.load(rules, new PackLoader(PackOptions.DEFAULTS, packCache));
            Verdict v = engine.evaluate(call, version, ProposalReader.read(Files.readAllBytes(proposal)));
            System.out.println(Json.output().writerWithDefaultPrettyPrinter().writeValueAsString(v));
            return v.verdict() == Outcome.ELIGIBLE ? 0 : v.verdict() == Outcome.INELIGIBLE ? 1 : 3;
        } catch (InvalidProposalException e) {
            System.err.println(proposal + ": " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
        } catch (UnknownCallException e) {
            System.err.println(e.getMessage());
        } catch (PackException e) {
            System.err.println("the rules do not compile:\n" + e.getMessage());
        } catch (RuntimeException e) {
            // A rule that throws or runs past the time budget: the rules are wrong, not the proposal ineligible.
            System.err.println("the evaluation failed: " + e);
        } finally {
            CacheOption.finish(packCache);
        }
        return 2;
    }
}
