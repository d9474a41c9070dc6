package io.attentionflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The CLI end to end on a real dataset (shared/datasets, path from the aflow.datasets property). */
@Tag("slow")
class AggregateRealDataTest {

    private static Path dataset(String name) {
        String root = System.getProperty("aflow.datasets");
        assertTrue(root != null && Files.isDirectory(Path.of(root)), "datasets folder not found: " + root);
        return Path.of(root, name);
    }

    private static double accuracy(String output, Path goldFile) throws IOException {
        Map<String, String> labels = AggregateCommandTest.labels(output);
        int hit = 0;
        int n = 0;
        for (String line : Files.readAllLines(goldFile).subList(1, Files.readAllLines(goldFile).size())) {
            String[] c = line.split(",");
            n++;
            hit += c[1].equals(labels.get(c[0])) ? 1 : 0;
        }
        return (double) hit / n;
    }

    @Test
    void dawidSkeneOnRteMatchesTheEngine() throws IOException {
        Path rte = dataset("rte");
        AggregateCommandTest.Run r = AggregateCommandTest.aflow("aggregate", "--method", "ds", rte.resolve("answers.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(801, r.out().lines().count());
        assertTrue(accuracy(r.out(), rte.resolve("gold.csv")) >= 0.925);
    }

    @Test
    void withGoldEveryGoldTaskComesOutRight() throws IOException {
        Path dog = dataset("dog");
        AggregateCommandTest.Run r = AggregateCommandTest.aflow("aggregate", "--method", "default", "--gold",
                dog.resolve("gold.csv").toString(), dog.resolve("answers.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1.0, accuracy(r.out(), dog.resolve("gold.csv")), 0.0);
    }

    @Test
    void numericMeanOnEmotionMatchesTheReferenceError() throws IOException {
        Path emotion = dataset("n_emotion");
        AggregateCommandTest.Run r = AggregateCommandTest.aflow("aggregate", "--numeric", "--method", "mean",
                emotion.resolve("answers.csv").toString());
        assertEquals(0, r.code(), r.err());
        Map<String, String> values = AggregateCommandTest.labels(r.out());
        double error = 0;
        int n = 0;
        for (String line : Files.readAllLines(emotion.resolve("gold.csv")).subList(1, 701)) {
            String[] c = line.split(",");
            error += Math.abs(Double.parseDouble(values.get(c[0])) - Double.parseDouble(c[1]));
            n++;
        }
        assertEquals(12.02, error / n, 0.01);
    }
}
