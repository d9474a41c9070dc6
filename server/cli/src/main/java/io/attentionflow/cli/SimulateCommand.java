package io.attentionflow.cli;

import io.attentionflow.engine.allocation.Policies;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.engine.inference.TruthInference;
import io.attentionflow.engine.simulation.ReplaySimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aflow simulate}: replays a real answer set under an allocation policy and prints
 * {@code answers_spent,accuracy} every K answers and at the end (see {@link ReplaySimulator}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a real answer set under an allocation policy: each time the policy picks an item it"
                + " receives one not-yet-used real answer of that item. Prints CSV answers_spent,accuracy"
                + " (accuracy on the gold tasks, by the same method for every policy) every K answers and at the end.")
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", required = true, paramLabel = "P", description = "need, fixed, breadth or random.")
    String policy;

    @Option(names = "--redundancy", paramLabel = "R",
            description = "Answers per item for fixed; the max answers per item for the others. Default: what the data holds.")
    Integer redundancy;

    @Option(names = "--target-confidence", paramLabel = "C",
            description = "Retire an item once its confidence reaches C, in (0, 1] (not for fixed; for mv, the confidence in"
                    + " its most-voted label). Default: never.")
    Double targetConfidence;

    @Option(names = "--min-answers", paramLabel = "N", defaultValue = "1",
            description = "Answers an item needs before confidence may retire it. Default: ${DEFAULT-VALUE}.")
    int minAnswers;

    @Option(names = "--budget", paramLabel = "B", description = "Total answers that may be spent. Default: all the data holds.")
    Long budget;

    @Option(names = "--method", paramLabel = "M", defaultValue = "mv",
            description = "Truth-inference method that scores every policy, and that the need policy aims at (for mv the"
                    + " most-voted label, otherwise the most probable one). Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--every", paramLabel = "K", description = "Report every K answers. Default: 1/50 of the answers, rounded up.")
    Integer every;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--concurrency", paramLabel = "P", defaultValue = "1",
            description = "Items claimed before their answers arrive (answers in flight). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--gold", required = true, paramLabel = "gold.csv", description = "Gold labels: task,label.")
    Path gold;

    @Parameters(index = "0", paramLabel = "answers.csv", description = "Answers: task,worker,label.")
    Path answers;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut());
        } catch (ReplayCsv.BadInput e) {
            err.println("aflow simulate: " + e.getMessage());
            err.flush();
            return Aflow.BAD_INPUT;
        }
    }

    private int run(PrintWriter out) throws ReplayCsv.BadInput {
        if (!Policies.names().contains(policy)) {
            throw new ReplayCsv.BadInput("unknown policy '" + policy + "', expected one of " + String.join(", ", Policies.names()));
        }
        Optional<TruthInference> inference = Methods.byName(method);
        if (inference.isEmpty()) {
            throw new ReplayCsv.BadInput("unknown method '" + method + "', expected one of " + String.join(", ", Methods.names()));
        }
        if (redundancy != null && redundancy < 1) {
            throw new ReplayCsv.BadInput("--redundancy must be >= 1, got " + redundancy);
        }
        if (budget != null && budget < 1) {
            throw new ReplayCsv.BadInput("--budget must be >= 1, got " + budget);
        }
        if (targetConfidence != null && !(targetConfidence > 0 && targetConfidence <= 1)) {
            throw new ReplayCsv.BadInput("--target-confidence must be in (0, 1], got " + targetConfidence);
        }
        if (every != null && every < 1) {
            throw new ReplayCsv.BadInput("--every must be >= 1, got " + every);
        }
        if (minAnswers < 0) {
            throw new ReplayCsv.BadInput("--min-answers must be >= 0, got " + minAnswers);
        }
        if (concurrency < 1) {
            throw new ReplayCsv.BadInput("--concurrency must be >= 1, got " + concurrency);
        }
        ReplayCsv.Data data = ReplayCsv.read(answers, gold);
        int total = data.answers().answerCount();
        ReplaySimulator.Options options = new ReplaySimulator.Options(policy,
                redundancy == null ? 0 : redundancy,
                targetConfidence == null ? 2 : targetConfidence,
                minAnswers,
                budget == null ? Long.MAX_VALUE : budget,
                every == null ? (total + 49) / 50 : every,
                concurrency,
                seed);
        ReplaySimulator.Result result = new ReplaySimulator(data.answers(), data.gold(), inference.get(), options).run();
        out.println("answers_spent,accuracy");
        for (ReplaySimulator.Point p : result.points()) {
            out.println(p.answersSpent() + "," + String.format(Locale.ROOT, "%.6f", p.accuracy()));
        }
        out.flush();
        return 0;
    }
}
