package io.attentionflow.engine.simulation;

import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.TruthInference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A shared dataset folder ({@code answers.csv}, {@code gold.csv}) for the replay tests, from the folder
 * in the system property {@code aflow.datasets} (set by surefire). The files hold no quoted cells.
 * Labels get ids in sorted order, numerically when all are integers.
 */
record ReplayDatasets(CategoricalAnswers answers, int[] gold) {

    static ReplayDatasets load(String name) throws IOException {
        String dir = System.getProperty("aflow.datasets");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("datasets folder not found: set -Daflow.datasets (got " + dir + ")");
        }
        Path folder = Path.of(dir, name);
        List<String[]> rows = rows(folder.resolve("answers.csv"));
        List<String[]> goldRows = rows(folder.resolve("gold.csv"));
        TreeSet<String> distinct = new TreeSet<>((a, b) -> a.matches("-?\\d+") && b.matches("-?\\d+")
                && Long.parseLong(a) != Long.parseLong(b) ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b));
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
        return new ReplayDatasets(new CategoricalAnswers(items.size(), workers.size(), labels.size(), item, worker, label), gold);
    }

    private static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).filter(l -> !l.isEmpty()).map(l -> l.split(",", -1)).toList();
    }
}
