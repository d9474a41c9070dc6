package io.attentionflow.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.TruthInference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One folder of the shared datasets ({@code answers.csv} with {@code task,worker,label} and
 * {@code gold.csv} with {@code task,label}) loaded into engine form. Labels get ids in sorted order
 * (numerically when they are all numbers), as common toolkits order them, so that ties break alike.
 * Shared by the aggregation report and the allocation benchmark.
 */
public final class Dataset {

    public final String name;
    public final CategoricalAnswers answers;
    /** Gold label per item, {@link TruthInference#NO_GOLD} where unknown. */
    public final int[] gold;
    public final List<String> labelNames;
    /** Raw values for the numeric dataset (null otherwise): answers as parsed doubles, gold per item. */
    public final double[] numericValues;
    public final double[] numericGold;

    private Dataset(String name, CategoricalAnswers answers, int[] gold, List<String> labelNames,
                    double[] numericValues, double[] numericGold) {
        this.name = name;
        this.answers = answers;
        this.gold = gold;
        this.labelNames = labelNames;
        this.numericValues = numericValues;
        this.numericGold = numericGold;
    }

    public int goldCount() {
        int n = 0;
        for (int g : gold) {
            n += g == TruthInference.NO_GOLD ? 0 : 1;
        }
        return n;
    }

    /** Share of gold items whose inferred label equals the gold label. */
    public double accuracy(int[] labels) {
        int hit = 0;
        int n = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] != TruthInference.NO_GOLD) {
                n++;
                hit += labels[i] == gold[i] ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }

    public double answersPerItem() {
        return (double) answers.answerCount() / answers.itemCount();
    }

    public int maxAnswersPerItem() {
        int max = 0;
        for (int i = 0; i < answers.itemCount(); i++) {
            max = Math.max(max, answers.answersOf(i));
        }
        return max;
    }

    /** @param numeric also keep the answers and gold as numbers (for the numeric dataset) */
    public static Dataset load(Path folder, boolean numeric) {
        List<String[]> rows = read(folder.resolve("answers.csv"));
        List<String[]> goldRows = read(folder.resolve("gold.csv"));
        IdIndex items = new IdIndex();
        IdIndex workers = new IdIndex();
        TreeSet<String> distinct = new TreeSet<>(labelOrder(rows, goldRows));
        for (String[] r : rows) {
            distinct.add(r[2]);
        }
        for (String[] r : goldRows) {
            distinct.add(r[1]);
        }
        IdIndex labels = new IdIndex();
        distinct.forEach(labels::intern);
        int n = rows.size();
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        double[] values = numeric ? new double[n] : null;
        for (int a = 0; a < n; a++) {
            String[] r = rows.get(a);
            item[a] = items.intern(r[0]);
            worker[a] = workers.intern(r[1]);
            label[a] = labels.find(r[2]);
            if (numeric) {
                values[a] = Double.parseDouble(r[2]);
            }
        }
        int[] gold = new int[items.size()];
        Arrays.fill(gold, TruthInference.NO_GOLD);
        double[] numericGold = numeric ? new double[items.size()] : null;
        if (numeric) {
            Arrays.fill(numericGold, Double.NaN);
        }
        for (String[] r : goldRows) {
            int i = items.find(r[0]);
            if (i >= 0) {
                gold[i] = labels.find(r[1]);
                if (numeric) {
                    numericGold[i] = Double.parseDouble(r[1]);
                }
            }
        }
        CategoricalAnswers answers = new CategoricalAnswers(items.size(), workers.size(), labels.size(), item, worker, label);
        return new Dataset(folder.getFileName().toString(), answers, gold, labels.names(), values, numericGold);
    }

    private static Comparator<String> labelOrder(List<String[]> rows, List<String[]> goldRows) {
        boolean allNumbers = rows.stream().allMatch(r -> isNumber(r[2])) && goldRows.stream().allMatch(r -> isNumber(r[1]));
        return allNumbers ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String[]> read(Path file) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(Files.newBufferedReader(folderCheck(file)))) {
            boolean header = true;
            while (it.hasNext()) {
                String[] row = it.next();
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Path folderCheck(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return file;
    }
}
