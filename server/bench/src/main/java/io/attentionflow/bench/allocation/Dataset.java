package io.attentionflow.bench.allocation;

import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.TruthInference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One folder of {@code ../shared/datasets}: {@code answers.csv} ({@code task,worker,label}) and
 * {@code gold.csv} ({@code task,label}). The files hold no quoted cells, so a line splits on commas;
 * a quote is refused rather than misread. Label ids follow the sorted label strings (numerically
 * when all are integers), as common toolkits do, so ties break the same way.
 */
record Dataset(String name, CategoricalAnswers answers, int[] gold, List<String> labels) {

    static Dataset load(Path folder) throws IOException {
        List<String[]> rows = rows(folder.resolve("answers.csv"), 3);
        List<String[]> goldRows = rows(folder.resolve("gold.csv"), 2);
        TreeSet<String> labelSet = new TreeSet<>(labelOrder(rows, goldRows));
        for (String[] r : rows) {
            labelSet.add(r[2]);
        }
        for (String[] r : goldRows) {
            labelSet.add(r[1]);
        }
        List<String> labels = new ArrayList<>(labelSet);
        IdIndex items = new IdIndex();
        IdIndex workers = new IdIndex();
        int n = rows.size();
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        for (int a = 0; a < n; a++) {
            String[] r = rows.get(a);
            item[a] = items.intern(r[0]);
            worker[a] = workers.intern(r[1]);
            label[a] = labels.indexOf(r[2]);
        }
        int[] gold = new int[items.size()];
        Arrays.fill(gold, TruthInference.NO_GOLD);
        for (String[] r : goldRows) {
            int i = items.find(r[0]);
            if (i >= 0) {
                gold[i] = labels.indexOf(r[1]);
            }
        }
        CategoricalAnswers answers = new CategoricalAnswers(items.size(), workers.size(), labels.size(), item, worker, label);
        return new Dataset(folder.getFileName().toString(), answers, gold, labels);
    }

    private static Comparator<String> labelOrder(List<String[]> rows, List<String[]> goldRows) {
        boolean numeric = rows.stream().allMatch(r -> isInt(r[2])) && goldRows.stream().allMatch(r -> isInt(r[1]));
        Comparator<String> natural = Comparator.naturalOrder();
        return numeric ? Comparator.<String>comparingLong(Long::parseLong).thenComparing(natural) : natural;
    }

    private static boolean isInt(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String[]> rows(Path file, int columns) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>(lines.size());
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l);
            if (line.isEmpty()) {
                continue;
            }
            if (line.indexOf('"') >= 0) {
                throw new IOException(file + " line " + (l + 1) + ": quoted cells are not supported here");
            }
            String[] cells = line.split(",", -1);
            if (cells.length != columns) {
                throw new IOException(file + " line " + (l + 1) + ": expected " + columns + " cells, got " + cells.length);
            }
            rows.add(cells);
        }
        return rows;
    }

    double answersPerItem() {
        return (double) answers.answerCount() / answers.itemCount();
    }

    int maxAnswersPerItem() {
        int max = 0;
        for (int i = 0; i < answers.itemCount(); i++) {
            max = Math.max(max, answers.answersOf(i));
        }
        return max;
    }
}
