package io.attentionflow.engine.testdata;

import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.InferenceResult;
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
 * Loads a folder of the shared datasets for tests. The folder comes from the system property
 * {@code aflow.datasets} (set by surefire to the {@code shared/datasets} folder beside the clone).
 * Labels get ids in sorted order (numerically when all are numbers), as common toolkits order them.
 */
public record RealDatasets(CategoricalAnswers answers, int[] gold) {

    public static Path root() {
        String dir = System.getProperty("aflow.datasets");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("datasets folder not found: set -Daflow.datasets (got " + dir + ")");
        }
        return Path.of(dir);
    }

    public static RealDatasets load(String name) {
        Path folder = root().resolve(name);
        List<String[]> rows = csv(folder.resolve("answers.csv"));
        List<String[]> goldRows = csv(folder.resolve("gold.csv"));
        boolean numeric = rows.stream().allMatch(r -> isNumber(r[2])) && goldRows.stream().allMatch(r -> isNumber(r[1]));
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        rows.forEach(r -> distinct.add(r[2]));
        goldRows.forEach(r -> distinct.add(r[1]));
        IdIndex labels = new IdIndex();
        distinct.forEach(labels::intern);
        IdIndex items = new IdIndex();
        IdIndex workers = new IdIndex();
        int n = rows.size();
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        for (int a = 0; a < n; a++) {
            item[a] = items.intern(rows.get(a)[0]);
            worker[a] = workers.intern(rows.get(a)[1]);
            label[a] = labels.find(rows.get(a)[2]);
        }
        int[] gold = new int[items.size()];
        Arrays.fill(gold, TruthInference.NO_GOLD);
        for (String[] r : goldRows) {
            int i = items.find(r[0]);
            if (i >= 0) {
                gold[i] = labels.find(r[1]);
            }
        }
        return new RealDatasets(new CategoricalAnswers(items.size(), workers.size(), labels.size(), item, worker, label), gold);
    }

    public double accuracy(InferenceResult r) {
        int hit = 0;
        int n = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] != TruthInference.NO_GOLD) {
                n++;
                hit += r.label(i) == gold[i] ? 1 : 0;
            }
        }
        return (double) hit / n;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Minimal CSV reading for the dataset files: header skipped, double-quoted cells allowed. */
    private static List<String[]> csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String[]> rows = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isEmpty()) {
                    rows.add(split(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
