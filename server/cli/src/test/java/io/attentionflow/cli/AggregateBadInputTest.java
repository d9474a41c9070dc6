package io.attentionflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input: exit code 2, nothing on standard output, a message naming file, line and column. */
class AggregateBadInputTest {

    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static AggregateCommandTest.Run rejected(String... args) {
        AggregateCommandTest.Run r = AggregateCommandTest.aflow(args);
        assertEquals(Aflow.BAD_INPUT, r.code(), "exit code; stderr: " + r.err());
        assertEquals("", r.out(), "standard output must stay empty");
        assertTrue(!r.err().isBlank(), "a message on standard error");
        return r;
    }

    private static void names(AggregateCommandTest.Run r, String... parts) {
        for (String part : parts) {
            assertTrue(r.err().contains(part), "'" + part + "' missing from: " + r.err());
        }
    }

    @Test
    void missingColumn() throws IOException {
        Path f = file("a.csv", "task,worker,answer\nt1,w1,x\n");
        names(rejected("aggregate", f.toString()), f.toString(), "line 1", "column label", "missing column 'label'");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = file("a.csv", "");
        names(rejected("aggregate", f.toString()), f.toString(), "line 1", "empty");
    }

    @Test
    void headerWithoutRows() throws IOException {
        Path f = file("a.csv", "task,worker,label\n");
        names(rejected("aggregate", f.toString()), f.toString(), "line 2", "no data rows");
    }

    @Test
    void rowWithTooFewColumns() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,x\nt2,w1\n");
        names(rejected("aggregate", f.toString()), f.toString(), "line 3", "column label (3)", "missing value");
    }

    @Test
    void emptyValue() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,,x\n");
        names(rejected("aggregate", f.toString()), f.toString(), "line 2", "column worker (2)", "empty value");
    }

    @Test
    void goldTaskAbsentFromAnswers() throws IOException {
        Path a = file("a.csv", "task,worker,label\nt1,w1,x\n");
        Path g = file("g.csv", "task,label\nt1,x\nt9,y\n");
        names(rejected("aggregate", "--method", "ds", "--gold", g.toString(), a.toString()), g.toString(), "line 3", "column task", "'t9'");
    }

    @Test
    void goldFileMissingColumn() throws IOException {
        Path a = file("a.csv", "task,worker,label\nt1,w1,x\n");
        Path g = file("g.csv", "task,truth\nt1,x\n");
        names(rejected("aggregate", "--gold", g.toString(), a.toString()), g.toString(), "line 1", "column label");
    }

    @Test
    void conflictingGold() throws IOException {
        Path a = file("a.csv", "task,worker,label\nt1,w1,x\n");
        Path g = file("g.csv", "task,label\nt1,x\nt1,y\n");
        names(rejected("aggregate", "--gold", g.toString(), a.toString()), g.toString(), "line 3", "column label");
    }

    @Test
    void nonNumericValueWithNumeric() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,3\nt2,w1,three\n");
        names(rejected("aggregate", "--numeric", "--method", "median", f.toString()), f.toString(), "line 3", "column label", "'three'");
    }

    @Test
    void nonNumericGoldWithNumeric() throws IOException {
        Path a = file("a.csv", "task,worker,label\nt1,w1,3\n");
        Path g = file("g.csv", "task,label\nt1,high\n");
        names(rejected("aggregate", "--numeric", "--gold", g.toString(), a.toString()), g.toString(), "line 2", "column label");
    }

    @Test
    void unknownMethod() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,x\n");
        names(rejected("aggregate", "--method", "best", f.toString()), "unknown method 'best'", "ds");
    }

    @Test
    void numericMethodWithoutNumeric() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,3\n");
        names(rejected("aggregate", "--method", "median", f.toString()), "unknown method 'median'", "--numeric");
    }

    @Test
    void categoricalMethodWithNumeric() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,3\n");
        names(rejected("aggregate", "--numeric", "--method", "ds", f.toString()), "unknown numeric method 'ds'");
    }

    @Test
    void malformedCsv() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,\"x\n");
        names(rejected("aggregate", f.toString()), f.toString(), "line", "malformed CSV");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.csv");
        names(rejected("aggregate", f.toString()), f.toString(), "no such file");
    }

    @Test
    void missingAnswersArgumentOrUnknownOption() throws IOException {
        rejected("aggregate");
        rejected("aggregate", "--bogus", file("a.csv", "task,worker,label\nt1,w1,x\n").toString());
    }

    @Test
    void negativeTolerance() throws IOException {
        Path f = file("a.csv", "task,worker,label\nt1,w1,3\n");
        names(rejected("aggregate", "--numeric", "--tolerance", "-1", f.toString()), "--tolerance");
    }
}
