package io.attentionflow.cli;

import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.engine.inference.TruthInference;
import io.attentionflow.engine.inference.numeric.NumericAnswers;
import io.attentionflow.engine.inference.numeric.NumericInference;
import io.attentionflow.engine.inference.numeric.NumericMethods;
import io.attentionflow.engine.inference.numeric.NumericResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aflow aggregate}: truth inference over an answers file ({@code task,worker,label}), results as
 * CSV {@code task,label,confidence} on standard output. Everything is read and checked before anything
 * is written, so bad input leaves standard output empty.
 */
@Command(name = "aggregate", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Aggregates crowd answers (CSV with header task,worker,label) into one result per task.",
                "Writes CSV task,label,confidence to standard output. Exit code 2 on bad input."})
final class AggregateCommand implements Callable<Integer> {

    private static final List<String> ANSWER_COLUMNS = List.of("task", "worker", "label");
    private static final List<String> GOLD_COLUMNS = List.of("task", "label");

    @Spec
    private CommandSpec spec;

    @Option(names = "--method", paramLabel = "METHOD",
            description = {"Categorical: mv, wmv, ocds, ds, glad, mace, default (default: ${DEFAULT-VALUE}).",
                    "With --numeric: median, trimmed, bias, mean (default there: trimmed)."},
            defaultValue = "default")
    private String method;

    @Option(names = "--numeric", description = "Answers are numbers; the label column of the output is the estimated value.")
    private boolean numeric;

    @Option(names = "--gold", paramLabel = "FILE", description = "Known answers, CSV task,label: clamp their tasks and anchor worker estimates.")
    private Path gold;

    @Option(names = "--workers", paramLabel = "FILE",
            description = "Also write worker reliabilities to FILE (CSV worker,answers,accuracy and confusion columns; numeric: worker,answers,bias,sd).")
    private Path workers;

    @Option(names = "--tolerance", paramLabel = "X",
            description = "With --numeric: confidence is the share of a task's answers within X of its value (default: 5%% of the range of all answers).")
    private Double tolerance;

    @Parameters(index = "0", paramLabel = "answers.csv", description = "The answers, CSV with header task,worker,label.")
    private Path answers;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            String output = numeric ? numericResults() : categoricalResults();
            PrintWriter out = spec.commandLine().getOut();
            out.print(output);
            out.flush();
            return 0;
        } catch (BadInputException e) {
            err.println("aflow aggregate: " + e.getMessage());
            err.flush();
            return Aflow.BAD_INPUT;
        }
    }

    /** Answers as read: ids by first appearance, raw label strings. */
    private static final class Table {
        final IdIndex tasks = new IdIndex();
        final IdIndex workers = new IdIndex();
        final IdIndex rawLabels = new IdIndex();
        int[] item = new int[1024];
        int[] worker = new int[1024];
        int[] label = new int[1024];
        double[] value;
        int size;

        void add(int i, int w, int l) {
            if (size == item.length) {
                item = Arrays.copyOf(item, size * 2);
                worker = Arrays.copyOf(worker, size * 2);
                label = Arrays.copyOf(label, size * 2);
                if (value != null) {
                    value = Arrays.copyOf(value, size * 2);
                }
            }
            item[size] = i;
            worker[size] = w;
            label[size] = l;
            size++;
        }
    }

    private Table readAnswers() throws BadInputException {
        Table t = new Table();
        if (numeric) {
            t.value = new double[1024];
        }
        CsvInput.read(answers, ANSWER_COLUMNS, (line, v) -> {
            int l = -1;
            double x = 0;
            if (numeric) {
                x = parseNumber(answers, line, v[2]);
            } else {
                l = t.rawLabels.intern(v[2]);
            }
            t.add(t.tasks.intern(v[0]), t.workers.intern(v[1]), l);
            if (numeric) {
                t.value[t.size - 1] = x;
            }
        });
        return t;
    }

    private static double parseNumber(Path file, long line, String text) throws BadInputException {
        try {
            double x = Double.parseDouble(text);
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(file, line, "label", "'" + text + "' is not a finite number (--numeric)");
    }

    /** Gold rows as task id -> raw label text, each task checked against the answers. */
    private Map<Integer, String> readGold(Table t) throws BadInputException {
        Map<Integer, String> known = new HashMap<>();
        if (gold == null) {
            return known;
        }
        Map<Integer, Long> lineOf = new HashMap<>();
        CsvInput.read(gold, GOLD_COLUMNS, (line, v) -> {
            int task = t.tasks.find(v[0]);
            if (task < 0) {
                throw new BadInputException(gold, line, "task", "task '" + v[0] + "' has no answers in " + answers);
            }
            if (numeric) {
                parseNumber(gold, line, v[1]);
            }
            String before = known.put(task, v[1]);
            if (before != null && !before.equals(v[1])) {
                throw new BadInputException(gold, line, "label", "task '" + v[0] + "' already has gold label '" + before
                        + "' (line " + lineOf.get(task) + ")");
            }
            lineOf.putIfAbsent(task, line);
        });
        return known;
    }

    private String categoricalResults() throws BadInputException {
        TruthInference inference = Methods.byName(method).orElseThrow(() -> new BadInputException(
                "unknown method '" + method + "'; choose one of " + String.join(", ", Methods.names())
                        + (NumericMethods.byName(method).isPresent() ? " (or add --numeric)" : "")));
        Table t = readAnswers();
        Map<Integer, String> goldText = readGold(t);
        for (String g : goldText.values()) {
            t.rawLabels.intern(g);
        }
        // Label ids in sorted order (numerically when all labels are numbers), so ties break the same way
        // whatever the order of the rows.
        List<String> names = new ArrayList<>(t.rawLabels.names());
        boolean allNumbers = names.stream().allMatch(AggregateCommand::isNumber);
        names.sort(allNumbers ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder());
        IdIndex labels = new IdIndex();
        names.forEach(labels::intern);
        int[] remap = new int[t.rawLabels.size()];
        for (int raw = 0; raw < remap.length; raw++) {
            remap[raw] = labels.find(t.rawLabels.name(raw));
        }
        int[] label = new int[t.size];
        for (int a = 0; a < t.size; a++) {
            label[a] = remap[t.label[a]];
        }
        CategoricalAnswers data = new CategoricalAnswers(t.tasks.size(), t.workers.size(), labels.size(),
                Arrays.copyOf(t.item, t.size), Arrays.copyOf(t.worker, t.size), label);
        int[] goldIds = null;
        if (!goldText.isEmpty()) {
            goldIds = new int[t.tasks.size()];
            Arrays.fill(goldIds, TruthInference.NO_GOLD);
            for (Map.Entry<Integer, String> e : goldText.entrySet()) {
                goldIds[e.getKey()] = labels.find(e.getValue());
            }
        }
        InferenceResult r = inference.infer(data, goldIds);
        if (workers != null) {
            writeCategoricalWorkers(t, data, r, labels);
        }
        CsvOutput out = new CsvOutput();
        out.row("task", "label", "confidence");
        for (int i = 0; i < r.itemCount(); i++) {
            out.row(t.tasks.name(i), labels.name(r.label(i)), CsvOutput.number(r.confidence(i)));
        }
        return out.text();
    }

    private void writeCategoricalWorkers(Table t, CategoricalAnswers data, InferenceResult r, IdIndex labels) throws BadInputException {
        int[] n = new int[data.workerCount()];
        for (int a = 0; a < data.answerCount(); a++) {
            n[data.worker(a)]++;
        }
        int k = labels.size();
        CsvOutput out = new CsvOutput();
        List<String> header = new ArrayList<>(List.of("worker", "answers", "accuracy"));
        if (r.hasConfusion()) {
            for (int truth = 0; truth < k; truth++) {
                for (int given = 0; given < k; given++) {
                    header.add("p(" + labels.name(given) + "|" + labels.name(truth) + ")");
                }
            }
        }
        out.row(header.toArray(new String[0]));
        for (int w = 0; w < data.workerCount(); w++) {
            List<String> row = new ArrayList<>(List.of(t.workers.name(w), Integer.toString(n[w]), CsvOutput.number(r.workerAccuracy(w))));
            if (r.hasConfusion()) {
                for (int truth = 0; truth < k; truth++) {
                    for (int given = 0; given < k; given++) {
                        row.add(CsvOutput.number(r.confusion(w, truth, given)));
                    }
                }
            }
            out.row(row.toArray(new String[0]));
        }
        writeFile(workers, out.text());
    }

    private String numericResults() throws BadInputException {
        String name = method.equals("default") ? "trimmed" : method;
        NumericInference inference = NumericMethods.byName(name).orElseThrow(() -> new BadInputException(
                "unknown numeric method '" + method + "'; with --numeric choose one of " + String.join(", ", NumericMethods.names())));
        if (tolerance != null && !(tolerance >= 0)) {
            throw new BadInputException("--tolerance must be a number at least 0, got " + tolerance);
        }
        Table t = readAnswers();
        Map<Integer, String> goldText = readGold(t);
        NumericAnswers data = new NumericAnswers(t.tasks.size(), t.workers.size(),
                Arrays.copyOf(t.item, t.size), Arrays.copyOf(t.worker, t.size), Arrays.copyOf(t.value, t.size));
        double[] goldValues = null;
        if (!goldText.isEmpty()) {
            goldValues = new double[t.tasks.size()];
            Arrays.fill(goldValues, Double.NaN);
            for (Map.Entry<Integer, String> e : goldText.entrySet()) {
                goldValues[e.getKey()] = Double.parseDouble(e.getValue());
            }
        }
        NumericResult r = inference.infer(data, goldValues);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < t.size; a++) {
            min = Math.min(min, t.value[a]);
            max = Math.max(max, t.value[a]);
        }
        double tol = tolerance != null ? tolerance : 0.05 * (max - min);
        double[] agreement = r.agreement(data, tol);
        if (workers != null) {
            int[] n = new int[data.workerCount()];
            for (int a = 0; a < data.answerCount(); a++) {
                n[data.worker(a)]++;
            }
            CsvOutput w = new CsvOutput();
            w.row("worker", "answers", "bias", "sd");
            for (int k = 0; k < data.workerCount(); k++) {
                w.row(t.workers.name(k), Integer.toString(n[k]), CsvOutput.number(r.workerBias(k)), CsvOutput.number(r.workerSd(k)));
            }
            writeFile(workers, w.text());
        }
        CsvOutput out = new CsvOutput();
        out.row("task", "label", "confidence");
        for (int i = 0; i < r.itemCount(); i++) {
            out.row(t.tasks.name(i), CsvOutput.number(r.value(i)), CsvOutput.number(agreement[i]));
        }
        return out.text();
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void writeFile(Path file, String text) throws BadInputException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(text);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage());
        }
    }
}
