package io.attentionflow.bench.aggregation;

import io.attentionflow.bench.Dataset;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.inference.DawidSkene;
import io.attentionflow.engine.inference.Glad;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.Mace;
import io.attentionflow.engine.inference.MajorityVote;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.engine.inference.OneCoinDawidSkene;
import io.attentionflow.engine.inference.TruthInference;
import io.attentionflow.engine.inference.WeightedMajorityVote;
import io.attentionflow.engine.inference.numeric.NumericAnswers;
import io.attentionflow.engine.inference.numeric.NumericInference;
import io.attentionflow.engine.inference.numeric.NumericMethods;
import io.attentionflow.engine.inference.numeric.NumericResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Writes docs/benchmarks/aggregation.md: every categorical method on every dataset (accuracy on the gold
 * tasks, no gold given to the methods, and time) beside the Crowd-Kit reference; the evidence for the
 * default method (leave-one-dataset-out selection); the numeric methods on n_emotion; and the speed
 * targets, measured with JMH ({@link InferenceSpeedBenchmark}).
 *
 * <p>Usage: {@code AggregationReport <datasets folder> <output .md> [--no-speed]}.
 */
public final class AggregationReport {

    /** Shortfalls and surpluses we have looked into, keyed "method/dataset". */
    private static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("ds/s_adult", "Same algorithm, different stopping rule. Crowd-Kit's DawidSkene stops when an evidence "
                    + "bound stops rising; its bound adds the log class prior once per answer instead of once per task, and on "
                    + "s_adult (and bluebirds) it falls after the first iteration, so the reference is Dawid-Skene after 2 EM "
                    + "iterations. Emulating that rule on our own fits (diagnostics table: 'ds, Crowd-Kit's stopping rule') "
                    + "reproduces the reference on all ten datasets to within one task, 0.766 here. Run to convergence (a higher "
                    + "likelihood) ours settles on 0.739. Only 333 tasks have gold: one task is 0.3 points. We keep the converged model."),
            Map.entry("glad/s_rel", "Same model, different stopping rule. Crowd-Kit's GLAD stops when Q, the expected "
                    + "complete-data log-likelihood without the entropy of the posteriors, stops rising; Q is not monotone under "
                    + "EM, and on s_rel it falls at the second iteration. Emulating that rule on our own fits (diagnostics table: "
                    + "'glad, Crowd-Kit's stopping rule') gives 0.561 on s_rel (reference 0.565; their M-step is also only 25 "
                    + "conjugate-gradient steps) and matches the reference on eight of the other nine datasets (not on web, where their "
                    + "partial M-step plausibly changes Q's path). Run to convergence, with the penalised "
                    + "likelihood rising every iteration, our GLAD settles on 0.500: its one-coin error model fits s_rel's four "
                    + "ordinal relevance levels poorly and over-predicts one level. We keep the converged model."),
            Map.entry("mace/s_adult", "Our MACE learns class priors (the paper and Crowd-Kit keep them uniform). With "
                    + "uniform priors (diagnostics table) ours reaches 0.781 on s_adult but falls to 0.827 on d_product (8,315 "
                    + "gold tasks); learned priors are the better choice over all ten datasets. 333 gold tasks: 1 task = 0.3 points."),
            Map.entry("mace/bluebirds", "Above the reference: with a deterministic start and learned class priors our MACE "
                    + "finds a better optimum; the reference's 0.750 is close to majority vote."),
            Map.entry("mace/s_rel", "Above the reference (see mace/bluebirds)."),
            Map.entry("mace/temp", "Equal within one task."),
            Map.entry("ocds/web", "Above the reference: our one-coin skills are smoothed and kept inside [0.001, 0.999]."),
            Map.entry("ds/bluebirds", "Above the reference by one task (108 gold tasks: 1 task = 0.9 points): the reference "
                    + "stopped after 2 EM iterations (see ds/s_adult)."),
            Map.entry("default/dog", "0.5 points (4 of 807 tasks) below the best reference method (DawidSkene) and 0.6 below "
                    + "our own ds; the default trades this for large gains where Dawid-Skene alone over-fits (web, s_rel)."),
            Map.entry("default/s_adult", "Below the best reference (0.766, Dawid-Skene stopped early and Wawa) by 3 of 333 "
                    + "gold tasks. Both components converge to lower figures on s_adult (see ds/s_adult and mace/s_adult); "
                    + "wmv alone would reach 0.766 here, but loses 4 to 8 points on bluebirds, d_product and s_rel."));

    private AggregationReport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: AggregationReport <datasets folder> <output .md> [--no-speed]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean speed = !Arrays.asList(args).contains("--no-speed");
        List<Dataset> data = new ArrayList<>();
        for (String name : Reference.DATASETS) {
            data.add(Dataset.load(root.resolve(name), false));
        }
        StringBuilder md = new StringBuilder();
        header(md, args);
        accuracy(md, data);
        selection(md, data);
        diagnostics(md, data);
        goldAnchoring(md, data);
        numeric(md, Dataset.load(root.resolve("n_emotion"), true));
        if (speed) {
            speed(md);
        } else {
            md.append("\n## Speed and memory\n\nNot measured in this run (--no-speed).\n");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    private static void header(StringBuilder md, String[] args) throws IOException {
        md.append("# Aggregation benchmark\n\n");
        md.append("Written by `io.attentionflow.bench.aggregation.AggregationReport`; do not edit by hand. Reproduce with:\n\n```\n");
        md.append("./mvnw -o -B -q -pl server/engine,server/bench install -DskipTests\n");
        md.append("taskset -c 0 java -cp server/bench/target/aflow-bench.jar io.attentionflow.bench.aggregation.AggregationReport \\\n");
        md.append("    ../shared/datasets docs/benchmarks/aggregation.md").append(Arrays.asList(args).contains("--no-speed") ? " --no-speed" : "").append("\n```\n\n");
        md.append("The speed figures alone: `taskset -c 0 java -jar server/bench/target/aflow-bench.jar InferenceSpeedBenchmark -prof gc`.\n\n");
        md.append("- Date: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        md.append("- Machine: ").append(cpuModel()).append(", ").append(cpuCount()).append(" cores; this run pinned to ")
                .append(Runtime.getRuntime().availableProcessors()).append(" core(s); shared with other work, so times are noisy\n");
        md.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append('\n');
        md.append("- Reference: Crowd-Kit 1.4.1 on these exact files on this kind of machine (shared/datasets/SOURCES.md).\n");
    }

    // ---------------------------------------------------------------- accuracy

    private static void accuracy(StringBuilder md, List<Dataset> data) {
        List<String> ours = Methods.names();
        double[][] acc = new double[data.size()][ours.size()];
        double[][] ms = new double[data.size()][ours.size()];
        for (int d = 0; d < data.size(); d++) {
            for (int m = 0; m < ours.size(); m++) {
                String name = ours.get(m);
                Supplier<TruthInference> make = () -> Methods.byName(name).orElseThrow();
                CategoricalAnswers answers = data.get(d).answers;
                InferenceResult r = make.get().infer(answers, null);
                acc[d][m] = data.get(d).accuracy(labels(r));
                double[] t = new double[3];
                for (int k = 0; k < t.length; k++) {
                    long start = System.nanoTime();
                    make.get().infer(answers, null);
                    t[k] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(t);
                ms[d][m] = t[1];
            }
            System.out.println("accuracy: " + data.get(d).name + " done");
        }
        md.append("\n## Accuracy on the gold tasks\n\n");
        md.append("Each cell: ours / Crowd-Kit's, accuracy over the tasks that have gold (all answers given to the method, no gold). ")
                .append("A bracket gives the difference in points where it exceeds 0.5 (the issue's bound). ")
                .append("`wmv` is compared with Crowd-Kit's Wawa. `default` is compared with the best Crowd-Kit method on the dataset.\n\n");
        md.append("| dataset | tasks with gold | answers |");
        for (String m : ours) {
            md.append(' ').append(m).append(" |");
        }
        md.append("\n|---|---:|---:|");
        md.append("---:|".repeat(ours.size())).append('\n');
        List<String> misses = new ArrayList<>();
        for (int d = 0; d < data.size(); d++) {
            Dataset ds = data.get(d);
            md.append("| ").append(ds.name).append(" | ").append(ds.goldCount()).append(" | ").append(ds.answers.answerCount()).append(" |");
            for (int m = 0; m < ours.size(); m++) {
                String method = ours.get(m);
                double ref = method.equals("default") ? Reference.best(ds.name) : Reference.accuracy(ds.name, method);
                double diff = acc[d][m] - ref;
                md.append(' ').append(f3(acc[d][m])).append(" / ").append(f3(ref));
                if (Math.abs(diff) > 0.005 + 1e-9) {
                    md.append(String.format(Locale.ROOT, " (%+.1f)", 100 * diff));
                    misses.add(method + "/" + ds.name + (diff < 0 ? " below" : " above"));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append("\n### Time\n\nMilliseconds per fit (median of 3 after one warm-up fit), ours / Crowd-Kit's (its seconds, converted). ")
                .append("Ours run single-threaded; Dawid-Skene, GLAD and MACE run to their own convergence rules.\n\n");
        md.append("| dataset |");
        for (String m : ours) {
            md.append(' ').append(m).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(ours.size())).append('\n');
        for (int d = 0; d < data.size(); d++) {
            md.append("| ").append(data.get(d).name).append(" |");
            for (int m = 0; m < ours.size(); m++) {
                String method = ours.get(m);
                md.append(' ').append(String.format(Locale.ROOT, "%.1f", ms[d][m]));
                if (!method.equals("default")) {
                    md.append(" / ").append(String.format(Locale.ROOT, "%.0f", 1000 * Reference.seconds(data.get(d).name, method)));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append("\n### Where we differ from the reference by more than 0.5 points\n\n");
        long below = misses.stream().filter(m -> m.endsWith("below")).count();
        md.append(below).append(" of ").append(data.size() * ours.size())
                .append(" cells are more than 0.5 points below the reference (the issue's goal is none); ")
                .append(misses.size() - below).append(" are more than 0.5 points above it.\n\n");
        if (misses.isEmpty()) {
            md.append("Nowhere.\n");
        }
        for (String miss : misses) {
            String key = miss.substring(0, miss.indexOf(' '));
            String fallback = miss.endsWith("above") ? "above the reference." : "no explanation recorded yet.";
            md.append("- **").append(miss).append("**: ").append(EXPLAINED.getOrDefault(key, fallback)).append('\n');
        }
    }

    // ---------------------------------------------------------------- default selection

    /** The candidate base models of the default's selection, by label. */
    private static Map<String, Supplier<TruthInference>> bases() {
        Map<String, Supplier<TruthInference>> b = new LinkedHashMap<>();
        b.put("ds", DawidSkene::new);
        b.put("ds(s=0.1)", () -> new DawidSkene("ds", 100, 1e-5, 0.1, 0));
        b.put("ds(s=1)", () -> new DawidSkene("ds", 100, 1e-5, 1, 0));
        b.put("ds(diag=1)", () -> new DawidSkene("ds", 100, 1e-5, 0.01, 1));
        b.put("ds(diag=3)", () -> new DawidSkene("ds", 100, 1e-5, 0.01, 3));
        b.put("ds(s=1,diag=1)", () -> new DawidSkene("ds", 100, 1e-5, 1, 1));
        b.put("mace", Mace::new);
        b.put("mace(uniform)", () -> new Mace(50, 1e-6, false));
        b.put("glad", Glad::new);
        b.put("ocds", OneCoinDawidSkene::new);
        b.put("wmv", WeightedMajorityVote::new);
        b.put("mv", MajorityVote::new);
        return b;
    }

    /** Candidates: every base alone, and equal-weight posterior averages of a few. */
    private static List<List<String>> candidates(Collection<String> bases) {
        List<List<String>> c = new ArrayList<>();
        for (String b : bases) {
            c.add(List.of(b));
        }
        c.add(List.of("ds", "mace"));
        c.add(List.of("ds(s=1)", "mace"));
        c.add(List.of("ds", "wmv"));
        c.add(List.of("ds", "glad"));
        c.add(List.of("ds", "mace", "wmv"));
        c.add(List.of("ds", "mace", "glad"));
        c.add(List.of("ds", "mace", "ocds"));
        c.add(List.of("mv", "wmv", "ocds", "ds", "glad", "mace"));
        return c;
    }

    private static void selection(StringBuilder md, List<Dataset> data) {
        Map<String, Supplier<TruthInference>> bases = bases();
        List<List<String>> candidates = candidates(bases.keySet());
        double[][] acc = new double[candidates.size()][data.size()];
        for (int d = 0; d < data.size(); d++) {
            Dataset ds = data.get(d);
            Map<String, InferenceResult> fitted = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<TruthInference>> e : bases.entrySet()) {
                fitted.put(e.getKey(), e.getValue().get().infer(ds.answers, null));
            }
            for (int c = 0; c < candidates.size(); c++) {
                acc[c][d] = ds.accuracy(averageLabels(candidates.get(c), fitted, ds.answers));
            }
            System.out.println("selection: " + ds.name + " done");
        }
        md.append("\n## How the default was chosen\n\n");
        md.append("`default` is the equal-weight average of the `ds` and `mace` posteriors (class ")
                .append("`io.attentionflow.engine.inference.DefaultInference`). It was chosen by leave-one-dataset-out selection: ")
                .append("for each dataset, the candidate with the best mean accuracy on the other nine is picked and scored on the ")
                .append("held-out one. The candidates are the methods alone with a few smoothing settings, and equal-weight averages ")
                .append("of posteriors; nothing is fitted to one dataset. (The candidate list itself was written after looking at ")
                .append("per-dataset results, which a held-out selection cannot undo; it is kept small for that reason.) ")
                .append("`s` is the pseudo-count on every confusion cell, `diag` an extra pseudo-count on the diagonal.\n\n");
        md.append("| candidate |");
        for (Dataset ds : data) {
            md.append(' ').append(ds.name).append(" |");
        }
        md.append(" mean | worst gap to best reference |\n|---|").append("---:|".repeat(data.size() + 2)).append('\n');
        for (int c = 0; c < candidates.size(); c++) {
            double mean = 0;
            double worst = Double.POSITIVE_INFINITY;
            md.append("| ").append(candidateName(candidates.get(c))).append(" |");
            for (int d = 0; d < data.size(); d++) {
                md.append(' ').append(f3(acc[c][d])).append(" |");
                mean += acc[c][d] / data.size();
                worst = Math.min(worst, acc[c][d] - Reference.best(data.get(d).name));
            }
            md.append(' ').append(String.format(Locale.ROOT, "%.4f", mean)).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f", 100 * worst)).append(" |\n");
        }
        md.append("\nLeave-one-dataset-out:\n\n| held out | chosen on the other nine | its accuracy there |\n|---|---|---:|\n");
        for (int d = 0; d < data.size(); d++) {
            int best = 0;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates.size(); c++) {
                double m = 0;
                for (int o = 0; o < data.size(); o++) {
                    if (o != d) {
                        m += acc[c][o];
                    }
                }
                if (m > bestMean + 1e-12) {
                    bestMean = m;
                    best = c;
                }
            }
            md.append("| ").append(data.get(d).name).append(" | ").append(candidateName(candidates.get(best))).append(" | ")
                    .append(f3(acc[best][d])).append(" |\n");
        }
    }

    private static String candidateName(List<String> parts) {
        return parts.size() == 1 ? parts.get(0) : "avg(" + String.join(", ", parts) + ")";
    }

    private static int[] averageLabels(List<String> parts, Map<String, InferenceResult> fitted, CategoricalAnswers answers) {
        int items = answers.itemCount();
        int k = answers.labelCount();
        int[] labels = new int[items];
        double[] p = new double[k];
        for (int i = 0; i < items; i++) {
            Arrays.fill(p, 0);
            for (String part : parts) {
                InferenceResult r = fitted.get(part);
                for (int t = 0; t < k; t++) {
                    p[t] += r.posterior(i, t);
                }
            }
            int best = 0;
            for (int t = 1; t < k; t++) {
                if (p[t] > p[best]) {
                    best = t;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    // ---------------------------------------------------------------- diagnostics

    private static void diagnostics(StringBuilder md, List<Dataset> data) {
        md.append("\n## Diagnostics for the differences\n\n");
        md.append("Variants that explain the differences above (not offered as methods).\n\n");
        md.append("'ds, Crowd-Kit's stopping rule': our Dawid-Skene (pseudo-count 1e-10, like Crowd-Kit's clipping) stopped at the ")
                .append("first iteration where Crowd-Kit's evidence bound, recomputed on our fit, grows by less than 1e-5 per answer.\n\n");
        md.append("'glad, Crowd-Kit's stopping rule': our GLAD stopped at the first iteration (after the first) where Crowd-Kit's ")
                .append("Q (expected complete-data log-likelihood plus log-priors, per answer and label) grows by less than 1e-5; ")
                .append("at most ").append(GLAD_EMULATION_CAP).append(" iterations are tried.\n\n");
        md.append("| dataset | ds, Crowd-Kit's stopping rule (iterations) | Crowd-Kit DawidSkene | ds converged "
                + "| glad, Crowd-Kit's stopping rule (iterations) | Crowd-Kit GLAD | glad converged | mace, uniform class priors | mace |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Dataset ds : data) {
            double[] ck = toolkitStoppingRule(ds);
            md.append("| ").append(ds.name)
                    .append(" | ").append(f3(ck[1])).append(" (").append((int) ck[0]).append(')')
                    .append(" | ").append(f3(Reference.accuracy(ds.name, "ds")))
                    .append(" | ").append(f3(ds.accuracy(labels(new DawidSkene().infer(ds.answers, null)))))
                    .append(" | ").append(gladCell(ds))
                    .append(" | ").append(f3(Reference.accuracy(ds.name, "glad")))
                    .append(" | ").append(f3(ds.accuracy(labels(new Glad().infer(ds.answers, null)))))
                    .append(" | ").append(f3(ds.accuracy(labels(new Mace(50, 1e-6, false).infer(ds.answers, null)))))
                    .append(" | ").append(f3(ds.accuracy(labels(new Mace().infer(ds.answers, null)))))
                    .append(" |\n");
        }
    }

    /**
     * Dawid-Skene stopped by Crowd-Kit's rule: after iteration n, the bound sum over answers and labels of
     * q(label) (log prior + log confusion) plus the entropy of q, per answer, must grow by 1e-5 or more.
     * Returns {iterations, accuracy}. Refits from scratch for each n (quadratic, fine at this size).
     */
    private static double[] toolkitStoppingRule(Dataset ds) {
        double previous = Double.NEGATIVE_INFINITY;
        for (int n = 1; n <= DawidSkene.MAX_ITERATIONS; n++) {
            InferenceResult r = new DawidSkene(n, 0, 1e-10).infer(ds.answers, null);
            double bound = toolkitBound(ds.answers, r);
            if (bound - previous < 1e-5 || n == DawidSkene.MAX_ITERATIONS) {
                return new double[]{n, ds.accuracy(labels(r))};
            }
            previous = bound;
        }
        throw new AssertionError();
    }

    private static double toolkitBound(CategoricalAnswers a, InferenceResult r) {
        int k = r.labelCount();
        double[] logPrior = new double[k];
        for (int i = 0; i < r.itemCount(); i++) {
            for (int t = 0; t < k; t++) {
                logPrior[t] += r.posterior(i, t) / r.itemCount();
            }
        }
        for (int t = 0; t < k; t++) {
            logPrior[t] = Math.log(logPrior[t]);
        }
        double bound = 0;
        for (int i = 0; i < a.itemCount(); i++) {
            for (int p = a.itemStart(i); p < a.itemEnd(i); p++) {
                int ans = a.answerOfItem(p);
                for (int t = 0; t < k; t++) {
                    bound += r.posterior(i, t) * (Math.log(r.confusion(a.worker(ans), t, a.label(ans))) + logPrior[t]);
                }
            }
            for (int t = 0; t < k; t++) {
                double q = r.posterior(i, t);
                if (q > 0) {
                    bound -= q * Math.log(q);
                }
            }
        }
        return bound / a.answerCount();
    }

    private static final int GLAD_EMULATION_CAP = 30;

    private static String gladCell(Dataset ds) {
        double[] r = toolkitGladStoppingRule(ds);
        return f3(r[1]) + " (" + (r[0] > GLAD_EMULATION_CAP ? ">" + GLAD_EMULATION_CAP : Integer.toString((int) r[0])) + ")";
    }

    /**
     * GLAD stopped by Crowd-Kit's rule: after EM iteration n (n >= 2), Q_n - Q_(n-1) < 1e-5, where
     * Q_n = E over the posteriors of iteration n (computed at the parameters of iteration n-1) of the
     * complete-data log-likelihood at the parameters of iteration n, plus the log-priors, divided by
     * answers x labels. Returns {iterations, accuracy}; iterations is cap + 1 when it did not stop.
     */
    private static double[] toolkitGladStoppingRule(Dataset ds) {
        CategoricalAnswers a = ds.answers;
        int k = a.labelCount();
        double[] posterior = initialGladPosterior(a);
        double previous = Double.NEGATIVE_INFINITY;
        Glad.Fit fit = null;
        for (int n = 1; n <= GLAD_EMULATION_CAP; n++) {
            fit = new Glad(n, 0, 2, false).fit(a, null);
            double q = gladQ(a, posterior, fit.ability(), fit.inverseDifficulty()) / ((double) a.answerCount() * k);
            if (n >= 2 && q - previous < 1e-5) {
                return new double[]{n, ds.accuracy(labels(fit.result()))};
            }
            previous = q;
            for (int i = 0; i < a.itemCount(); i++) {
                for (int t = 0; t < k; t++) {
                    posterior[i * k + t] = fit.result().posterior(i, t);
                }
            }
        }
        return new double[]{GLAD_EMULATION_CAP + 1, ds.accuracy(labels(fit.result()))};
    }

    /** Posteriors at GLAD's starting point (ability 1, inverse difficulty e, uniform priors). */
    private static double[] initialGladPosterior(CategoricalAnswers a) {
        int k = a.labelCount();
        double[] p = new double[a.itemCount() * k];
        double right = -softplus(-Math.E);
        double wrong = -softplus(Math.E) - Math.log(k - 1);
        double[] s = new double[k];
        for (int i = 0; i < a.itemCount(); i++) {
            Arrays.fill(s, 0);
            for (int pos = a.itemStart(i); pos < a.itemEnd(i); pos++) {
                int given = a.label(a.answerOfItem(pos));
                for (int t = 0; t < k; t++) {
                    s[t] += given == t ? right : wrong;
                }
            }
            double max = Arrays.stream(s).max().orElse(0);
            double sum = 0;
            for (int t = 0; t < k; t++) {
                s[t] = Math.exp(s[t] - max);
                sum += s[t];
            }
            for (int t = 0; t < k; t++) {
                p[i * k + t] = s[t] / sum;
            }
        }
        return p;
    }

    private static double gladQ(CategoricalAnswers a, double[] posterior, double[] alpha, double[] beta) {
        int k = a.labelCount();
        double q = 0;
        for (int ans = 0; ans < a.answerCount(); ans++) {
            double x = alpha[a.worker(ans)] * beta[a.item(ans)];
            double right = posterior[a.item(ans) * k + a.label(ans)];
            q += right * -softplus(-x) + (1 - right) * (-softplus(x) - Math.log(k - 1));
        }
        double logNorm = 0.5 * Math.log(2 * Math.PI);
        for (double al : alpha) {
            q += -0.5 * (al - 1) * (al - 1) - logNorm;
        }
        for (double b : beta) {
            double lb = Math.log(b);
            q += -0.5 * (lb - 1) * (lb - 1) - logNorm;
        }
        return q;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // ---------------------------------------------------------------- gold

    private static void goldAnchoring(StringBuilder md, List<Dataset> data) {
        List<String> ours = Methods.names();
        md.append("\n## With some gold\n\n");
        md.append("A fifth of the gold tasks (seeded draw) is given to each method as gold; accuracy is measured on the other ")
                .append("gold tasks. Each cell: without gold / with gold. Gold clamps its own tasks and, in the methods that model ")
                .append("workers, anchors the worker estimates, which can move the other tasks; majority vote has no worker model.\n\n");
        md.append("| dataset |");
        for (String m : ours) {
            md.append(' ').append(m).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(ours.size())).append('\n');
        for (Dataset ds : data) {
            java.util.Random random = new java.util.Random(1);
            int[] gold = new int[ds.gold.length];
            Arrays.fill(gold, TruthInference.NO_GOLD);
            for (int i = 0; i < gold.length; i++) {
                if (ds.gold[i] != TruthInference.NO_GOLD && random.nextDouble() < 0.2) {
                    gold[i] = ds.gold[i];
                }
            }
            md.append("| ").append(ds.name).append(" |");
            for (String m : ours) {
                TruthInference method = Methods.byName(m).orElseThrow();
                md.append(' ').append(f3(heldOutAccuracy(ds, method.infer(ds.answers, null), gold))).append(" / ")
                        .append(f3(heldOutAccuracy(ds, method.infer(ds.answers, gold), gold))).append(" |");
            }
            md.append('\n');
        }
    }

    private static double heldOutAccuracy(Dataset ds, InferenceResult r, int[] given) {
        int hit = 0;
        int n = 0;
        for (int i = 0; i < ds.gold.length; i++) {
            if (ds.gold[i] != TruthInference.NO_GOLD && given[i] == TruthInference.NO_GOLD) {
                n++;
                hit += r.label(i) == ds.gold[i] ? 1 : 0;
            }
        }
        return (double) hit / n;
    }

    // ---------------------------------------------------------------- numeric

    private static void numeric(StringBuilder md, Dataset emotion) {
        CategoricalAnswers c = emotion.answers;
        int n = c.answerCount();
        int[] item = new int[n];
        int[] worker = new int[n];
        for (int a = 0; a < n; a++) {
            item[a] = c.item(a);
            worker[a] = c.worker(a);
        }
        NumericAnswers answers = new NumericAnswers(c.itemCount(), c.workerCount(), item, worker, emotion.numericValues);
        md.append("\n## Numeric: n_emotion\n\n700 tasks, 38 workers, 7,000 integer answers in -100..100; error against gold, ")
                .append("all tasks. Reference: Crowd-Kit's mean and median of answers, and LFC_N as published by Zheng et al.\n\n");
        md.append("| method | MAE | RMSE | reference MAE | reference RMSE | ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (String name : NumericMethods.names()) {
            NumericInference m = NumericMethods.byName(name).orElseThrow();
            m.infer(answers, null);
            long start = System.nanoTime();
            NumericResult r = m.infer(answers, null);
            double ms = (System.nanoTime() - start) / 1e6;
            double mae = 0;
            double mse = 0;
            int k = 0;
            for (int i = 0; i < r.itemCount(); i++) {
                if (!Double.isNaN(emotion.numericGold[i])) {
                    double e = r.value(i) - emotion.numericGold[i];
                    mae += Math.abs(e);
                    mse += e * e;
                    k++;
                }
            }
            double[] ref = Reference.NUMERIC.get(name);
            md.append("| ").append(name).append(String.format(Locale.ROOT, " | %.2f | %.2f | ", mae / k, Math.sqrt(mse / k)))
                    .append(ref == null ? "" : String.format(Locale.ROOT, "%.2f", ref[0])).append(" | ")
                    .append(ref == null ? "" : String.format(Locale.ROOT, "%.2f", ref[1]))
                    .append(String.format(Locale.ROOT, " | %.1f |%n", ms));
        }
        double[] lfc = Reference.NUMERIC.get("LFC_N (Zheng et al.)");
        md.append(String.format(Locale.ROOT, "| LFC_N (Zheng et al., for comparison) | | | %.2f | %.2f | |%n", lfc[0], lfc[1]));
        md.append("\nThe bias-corrected mean does not beat the plain mean here: n_emotion's 38 workers each answered about 184 ")
                .append("tasks and their estimated biases are small next to their noise, so precision weighting adds variance. ")
                .append("Its value shows on crowds with biased workers (see `BiasCorrectedMeanTest`). Its shrinkage and variance ")
                .append("prior were not tuned to this, the only numeric dataset.\n");
    }

    // ---------------------------------------------------------------- speed

    private static void speed(StringBuilder md) throws Exception {
        Options options = new OptionsBuilder()
                .include(InferenceSpeedBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, String> target = Map.of(
                "dawidSkene20Iterations", "< 2000 ms",
                "glad20Iterations", "< 10000 ms",
                "majorityVote", "< 100 ms",
                "incrementalUpdatePerAnswer", "< 2000 ns");
        Map<String, Double> limit = Map.of(
                "dawidSkene20Iterations", 2000.0, "glad20Iterations", 10000.0, "majorityVote", 100.0, "incrementalUpdatePerAnswer", 2000.0);
        md.append("\n## Speed and memory\n\n");
        md.append("JMH 1.37, `InferenceSpeedBenchmark`: 1,000,000 answers, 100,000 items (10 answers each), 2,000 workers, 5 labels, ")
                .append("seeded synthetic crowd (accuracies 0.4-0.95, one worker in ten a spammer). One fork with `-Xms500m -Xmx500m`, ")
                .append("so every figure was reached inside a 500 MB heap; the whole run pinned to one core with `taskset -c 0` ")
                .append("(the JIT and GC threads share that core). Dawid-Skene and GLAD run exactly 20 EM iterations (tolerance 0); ")
                .append("single-shot times after warm-up. The incremental figure is per answer: a fresh `IncrementalPosterior` with ")
                .append("full worker estimates takes all 1,000,000 answers one `add` at a time, storage growth included. ")
                .append("No parallelism is used: every target is met on one core. The machine is shared, so single-shot times ")
                .append("vary with load: on 2026-12-01, a run made while a full project build was compiling and testing on the ")
                .append("other core measured Dawid-Skene at 1.45 s (still under 2 s) and GLAD at 1.4 s.\n\n");
        md.append("| benchmark | target | measured | error (99.9%) | allocated per operation | met |\n|---|---|---:|---:|---:|---|\n");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            double score = primary.getScore();
            md.append("| ").append(shortName).append(" | ").append(target.getOrDefault(shortName, "")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f %s", score, primary.getScoreUnit())).append(" | ")
                    .append(Double.isNaN(primary.getScoreError()) ? "" : String.format(Locale.ROOT, "%.1f", primary.getScoreError())).append(" | ")
                    .append(alloc == null ? "" : alloc.getScore() < 1e4 ? String.format(Locale.ROOT, "%.0f B", alloc.getScore())
                            : String.format(Locale.ROOT, "%.1f MB", alloc.getScore() / 1e6)).append(" | ")
                    .append(limit.containsKey(shortName) ? (score < limit.get(shortName) ? "yes" : "**no**") : "").append(" |\n");
        }
        md.append("\nAllocation for the incremental benchmark is per answer (growing the stored-answer and posterior arrays). ")
                .append("The answer set itself holds about 20 MB (four int arrays of 1,000,000 and the by-item index). A Dawid-Skene fit ")
                .append("allocates about 23 MB once (an item-major copy of the answers, one table offset per answer, the 100,000 x 5 ")
                .append("posterior and two 2,000 x 25 confusion tables) and nothing per iteration, so its live heap stays under 50 MB, ")
                .append("far below the 500 MB cap the benchmark runs with.\n");
    }

    // ---------------------------------------------------------------- helpers

    private static int[] labels(InferenceResult r) {
        int[] l = new int[r.itemCount()];
        for (int i = 0; i < l.length; i++) {
            l[i] = r.label(i);
        }
        return l;
    }

    private static String f3(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    private static long cpuCount() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
