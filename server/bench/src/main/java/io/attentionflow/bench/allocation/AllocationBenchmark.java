package io.attentionflow.bench.allocation;

import io.attentionflow.bench.Dataset;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.MajorityVote;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.engine.inference.TruthInference;
import io.attentionflow.engine.simulation.ReplaySimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The allocation benchmark behind docs/benchmarks/allocation.md. For every categorical dataset in
 * the shared datasets folder with at least {@value #MIN_ANSWERS_PER_ITEM} answers per item on average:
 * replays need, breadth and random over every answer the data holds with several seeds, and fixed
 * redundancy at R = 1, 2, ... up to all the answers; measures the accuracy fixed redundancy reaches
 * with all the answers and, per seed, the share of the answers the need policy (and the baselines)
 * spend to first reach it; under majority vote also what an oracle told the full-data labels would spend
 * ({@link FullDataLabelOracle}). Writes a Markdown table to stdout, the mean curves as CSV and one PNG.
 *
 * <p>Usage: {@code java -cp server/bench/target/aflow-bench.jar io.attentionflow.bench.allocation.AllocationBenchmark
 * [--datasets DIR] [--out DIR] [--seeds N] [--method M]}
 */
public final class AllocationBenchmark {

    static final double MIN_ANSWERS_PER_ITEM = 4;
    /** More distinct labels than this means a numeric answer set (n_emotion), not categorical. */
    static final int MAX_CATEGORICAL_LABELS = 20;
    static final int POINTS = 50;
    static final String[] CURVE_POLICIES = {"need", "breadth", "random"};
    /**
     * How close to the full-data accuracy counts as "within" for the second need column: half a point, a few
     * items on most datasets, where the strict first-point criterion waits for the last of them.
     */
    static final double NEAR = 0.005;
        /** Confidence at which the "need + retirement" run retires items. */
    static final double RETIRE_AT = 0.99;

    private AllocationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of("../shared/datasets");
        Path out = Path.of("docs/benchmarks");
        int seeds = 5;
        String method = "mv";
        for (int a = 0; a + 1 < args.length; a += 2) {
            switch (args[a]) {
                case "--datasets" -> datasets = Path.of(args[a + 1]);
                case "--out" -> out = Path.of(args[a + 1]);
                case "--seeds" -> seeds = Integer.parseInt(args[a + 1]);
                case "--method" -> method = args[a + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        TruthInference inference = Methods.byName(method).orElseThrow(() -> new IllegalArgumentException("unknown method"));
        Files.createDirectories(out);
        List<Path> folders;
        try (Stream<Path> s = Files.list(datasets)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        long started = System.nanoTime();
        List<Plot.Panel> panels = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append("| dataset | items | answers | answers/item | labels | accuracy, fixed with all answers | need: share to reach it, median [min-max] | need: share to get within ")
                .append(Math.round(NEAR * 100 * 10) / 10.0).append(" points | breadth | random | need + retirement at ")
                .append(RETIRE_AT).append(": share spent, accuracy | oracle stopping each item at its full-data label: share spent |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder skipped = new StringBuilder();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("allocation-curves.csv")))) {
            csv.println("dataset,policy,answers_spent,accuracy");
            for (Path folder : folders) {
                Dataset d = Dataset.load(folder, false);
                if (d.labelNames.size() > MAX_CATEGORICAL_LABELS) {
                    skipped.append(d.name).append(" (numeric, ").append(d.labelNames.size()).append(" distinct values); ");
                    continue;
                }
                if (d.answersPerItem() < MIN_ANSWERS_PER_ITEM) {
                    skipped.append(d.name).append(String.format(Locale.ROOT, " (%.2f answers per item); ", d.answersPerItem()));
                    continue;
                }
                table.append(runDataset(d, inference, seeds, panels, csv)).append('\n');
                System.err.printf(Locale.ROOT, "%s done after %.0f s%n", d.name, (System.nanoTime() - started) / 1e9);
            }
        }
        Plot.write(panels, out.resolve("allocation.png"));
        System.out.println(table);
        System.out.println("Skipped: " + skipped);
        System.out.printf(Locale.ROOT, "Method %s, %d seeds, %.0f s wall time.%n", method, seeds, (System.nanoTime() - started) / 1e9);
    }

    private static ReplaySimulator.Result run(Dataset d, TruthInference inference, ReplaySimulator.Options options) {
        return new ReplaySimulator(d.answers, d.gold, inference, options).run();
    }

    private static String runDataset(Dataset d, TruthInference inference, int seeds, List<Plot.Panel> panels, PrintWriter csv) {
        long total = d.answers.answerCount();
        int every = (int) Math.max(1, (total + POINTS - 1) / POINTS);
        int maxR = d.maxAnswersPerItem();
        double target = run(d, inference, new ReplaySimulator.Options("fixed", maxR, 2, 0, Long.MAX_VALUE, every, 1, 1)).finalAccuracy();
        List<Curve> curves = new ArrayList<>();
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %d | %.4f |",
                d.name, d.answers.itemCount(), total, d.answersPerItem(), d.labelNames.size(), target));
        for (String policy : CURVE_POLICIES) {
            List<ReplaySimulator.Result> runs = new ArrayList<>();
            double[] share = new double[seeds];
            double[] nearShare = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                ReplaySimulator.Result r = run(d, inference, ReplaySimulator.Options.of(policy, every, s + 1));
                runs.add(r);
                share[s] = share(Curve.firstReaching(r, target), total);
                nearShare[s] = share(Curve.firstReaching(r, target - NEAR), total);
            }
            Curve mean = Curve.mean(policy, runs);
            curves.add(mean);
            for (int k = 0; k < mean.spent().length; k++) {
                csv.printf(Locale.ROOT, "%s,%s,%d,%.6f%n", d.name, policy, mean.spent()[k], mean.accuracy()[k]);
            }
            row.append(medianAndRange(share));
            if (policy.equals("need")) {
                row.append(medianAndRange(nearShare));
            }
        }
        // need with retirement by confidence: where a project would stop
        double spent = 0;
        double accuracy = 0;
        for (int s = 0; s < seeds; s++) {
            ReplaySimulator.Result r = run(d, inference, new ReplaySimulator.Options("need", 0, RETIRE_AT, 1, Long.MAX_VALUE, every, 1, s + 1));
            spent += (double) r.spent() / total / seeds;
            accuracy += r.finalAccuracy() / seeds;
        }
        row.append(String.format(Locale.ROOT, " %s, %.4f |", pct(spent), accuracy));
        if (inference instanceof MajorityVote) {
            InferenceResult fullData = inference.infer(d.answers, null);
            double[] oracleShare = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                oracleShare[s] = share(FullDataLabelOracle.answersSpent(d.answers, fullData, s + 1), total);
            }
            row.append(medianAndRange(oracleShare));
        } else {
            row.append(" (majority vote only) |");
        }
        // fixed redundancy at R = 1, 2, ...: one end point each, averaged over seeds
        List<Integer> rs = new ArrayList<>();
        for (int r = 1; r <= maxR; r++) {
            if (r <= 10 || r == maxR || r % 5 == 0) {
                rs.add(r);
            }
        }
        long[] fixedSpent = new long[rs.size()];
        double[] fixedAccuracy = new double[rs.size()];
        for (int k = 0; k < rs.size(); k++) {
            double sumSpent = 0;
            double sumAccuracy = 0;
            for (int s = 0; s < seeds; s++) {
                ReplaySimulator.Result r = run(d, inference, new ReplaySimulator.Options("fixed", rs.get(k), 2, 0, Long.MAX_VALUE, Integer.MAX_VALUE, 1, s + 1));
                sumSpent += r.spent();
                sumAccuracy += r.finalAccuracy();
            }
            fixedSpent[k] = Math.round(sumSpent / seeds);
            fixedAccuracy[k] = sumAccuracy / seeds;
            csv.printf(Locale.ROOT, "%s,fixed R=%d,%d,%.6f%n", d.name, rs.get(k), fixedSpent[k], fixedAccuracy[k]);
        }
        panels.add(new Plot.Panel(String.format(Locale.ROOT, "%s (%d labels, %.1f answers/item)", d.name, d.labelNames.size(), d.answersPerItem()),
                total, target, curves, new Curve("fixed", fixedSpent, fixedAccuracy)));
        return row.toString();
    }

    private static double share(long reach, long total) {
        return reach < 0 ? Double.POSITIVE_INFINITY : (double) reach / total;
    }

    private static String medianAndRange(double[] shares) {
        double[] sorted = shares.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, " %s [%s-%s] |", pct(sorted[sorted.length / 2]), pct(sorted[0]), pct(sorted[sorted.length - 1]));
    }

    private static String pct(double share) {
        return Double.isInfinite(share) ? "never" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
