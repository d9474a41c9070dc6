package io.attentionflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AggregateCommandTest {

    @TempDir
    Path dir;

    private static final String ANSWERS = """
            task,worker,label
            t1,w1,cat
            t1,w2,cat
            t1,w3,dog
            t2,w1,dog
            t2,w2,dog
            t2,w3,dog
            t3,w1,cat
            t3,w2,dog
            t3,w3,cat
            """;

    /** Exit code, standard output and standard error of one run. */
    record Run(int code, String out, String err) {
    }

    static Run aflow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Aflow.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void majorityVoteWritesOneRowPerTaskInInputOrder() throws IOException {
        Run r = aflow("aggregate", "--method", "mv", file("a.csv", ANSWERS).toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                task,label,confidence
                t1,cat,0.666667
                t2,dog,1
                t3,cat,0.666667
                """, r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mv", "wmv", "ocds", "ds", "glad", "mace", "default"})
    void everyMethodWritesTheSameShape(String method) throws IOException {
        Run r = aflow("aggregate", "--method", method, file("a.csv", ANSWERS).toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size());
        assertEquals("task,label,confidence", lines.get(0));
        assertTrue(lines.get(2).startsWith("t2,dog,"), lines.get(2));
        for (String line : lines.subList(1, 4)) {
            double confidence = Double.parseDouble(line.split(",")[2]);
            assertTrue(confidence >= 0.5 && confidence <= 1, line);
        }
    }

    @Test
    void goldClampsItsTasksAndWorkersFileIsWritten() throws IOException {
        Path workers = dir.resolve("workers.csv");
        Run r = aflow("aggregate", "--method", "ds", "--gold", file("g.csv", "task,label\nt1,dog\n").toString(),
                "--workers", workers.toString(), file("a.csv", ANSWERS).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("t1,dog,1\n"), r.out());
        List<String> lines = Files.readAllLines(workers);
        assertEquals("worker,answers,accuracy,p(cat|cat),p(dog|cat),p(cat|dog),p(dog|dog)", lines.get(0).replace("\"", ""));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("w1,3,"), lines.get(1));
    }

    @Test
    void helpListsTheMethods() {
        Run r = aflow("aggregate", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--method") && r.out().contains("mace") && r.out().contains("--numeric"), r.out());
    }

    @Test
    void columnsMayComeInAnyOrderWithExtras() throws IOException {
        Run r = aflow("aggregate", "--method", "mv", file("a.csv", "label,extra,worker,task\nyes,1,w1,t1\nyes,2,w2,t1\n").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("task,label,confidence\nt1,yes,1\n", r.out());
    }

    @Test
    void readsWindowsFilesWithByteOrderMarkCrlfAndQuotedCommas() throws IOException {
        Run r = aflow("aggregate", "--method", "mv",
                file("w.csv", "\uFEFFTask,Worker,Label\r\na,1,x\r\na,2,x\r\nb,1,\"y,z\"\r\n").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("task,label,confidence\na,x,1\nb,\"y,z\",1\n", r.out());
    }

    @Test
    void numericMedianAndWorkerBiases() throws IOException {
        Path workers = dir.resolve("w.csv");
        Run r = aflow("aggregate", "--numeric", "--method", "median", "--workers", workers.toString(),
                file("n.csv", "task,worker,label\nt1,w1,1\nt1,w2,2\nt1,w3,10\nt2,w1,-4.5\n").toString());
        assertEquals(0, r.code(), r.err());
        // tolerance 5% of the range 14.5: only the answer 2 itself is within 0.725 of the median
        assertEquals("task,label,confidence\nt1,2,0.333333\nt2,-4.5,1\n", r.out());
        assertEquals("worker,answers,bias,sd", Files.readAllLines(workers).get(0));
    }

    @Test
    void numericBiasMethodWithGold() throws IOException {
        Run r = aflow("aggregate", "--numeric", "--method", "bias", "--gold", file("g.csv", "task,label\nt1,5\n").toString(),
                file("n.csv", "task,worker,label\nt1,w1,1\nt1,w2,2\nt2,w1,3\n").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("task,label,confidence\nt1,5,"), r.out());
    }

    @Test
    void rowOrderDoesNotChangeTheLabels() throws IOException {
        List<String> rows = ANSWERS.lines().toList();
        StringBuilder reversed = new StringBuilder(rows.get(0)).append('\n');
        for (int i = rows.size() - 1; i > 0; i--) {
            reversed.append(rows.get(i)).append('\n');
        }
        Map<String, String> a = labels(aflow("aggregate", "--method", "ds", file("a.csv", ANSWERS).toString()).out());
        Map<String, String> b = labels(aflow("aggregate", "--method", "ds", file("b.csv", reversed.toString()).toString()).out());
        assertEquals(a, b);
    }

    static Map<String, String> labels(String csv) {
        Map<String, String> m = new HashMap<>();
        csv.lines().skip(1).forEach(l -> {
            String[] c = l.split(",");
            m.put(c[0], c[1]);
        });
        return m;
    }
}
