package io.attentionflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private Path answers;
    private Path gold;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeData() throws IOException {
        List<String> lines = new ArrayList<>(List.of("task,worker,label"));
        List<String> goldLines = new ArrayList<>(List.of("task,label"));
        for (int t = 0; t < 40; t++) {
            String truth = t % 3 == 0 ? "yes" : "no";
            goldLines.add("t" + t + "," + truth);
            for (int w = 0; w < 5; w++) {
                boolean right = (t * 7 + w * 3) % 5 != 0;
                lines.add("t" + t + ",w" + w + "," + (right ? truth : (truth.equals("yes") ? "no" : "yes")));
            }
        }
        answers = Files.write(dir.resolve("answers.csv"), lines);
        gold = Files.write(dir.resolve("gold.csv"), goldLines);
    }

    private int run(String... args) {
        CommandLine cli = Aflow.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printsAccuracyEveryKAnswersAndAtTheEnd() {
        assertEquals(0, run("simulate", "--policy", "need", "--every", "50", "--gold", gold.toString(), answers.toString()), err.toString());
        String[] lines = out.toString().strip().split("\\R");
        assertEquals("answers_spent,accuracy", lines[0]);
        assertEquals("50," , lines[1].substring(0, 3));
        assertTrue(lines[lines.length - 1].startsWith("200,"), lines[lines.length - 1]);
        assertEquals(5, lines.length);
    }

    @Test
    void isDeterministicForASeedAndFixedStopsAtItsRedundancy() {
        run("simulate", "--policy", "random", "--seed", "4", "--gold", gold.toString(), answers.toString());
        String first = out.toString();
        out.getBuffer().setLength(0);
        run("simulate", "--policy", "random", "--seed", "4", "--gold", gold.toString(), answers.toString());
        assertEquals(first, out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("simulate", "--policy", "fixed", "--redundancy", "2", "--every", "1000", "--gold", gold.toString(), answers.toString()));
        assertTrue(out.toString().strip().endsWith("\n80," + out.toString().strip().split("\n80,")[1]), out.toString());
    }

    private void assertBadInput(String expectedInMessage, String... args) {
        assertEquals(Aflow.BAD_INPUT, run(args));
        assertEquals("", out.toString(), "nothing on stdout");
        assertTrue(err.toString().contains(expectedInMessage), err.toString());
    }

    @Test
    void refusesAnUnknownPolicy() {
        assertBadInput("unknown policy 'greedy'", "simulate", "--policy", "greedy", "--gold", gold.toString(), answers.toString());
    }

    @Test
    void refusesANonPositiveBudgetOrRedundancy() {
        assertBadInput("--budget must be >= 1", "simulate", "--policy", "need", "--budget", "0", "--gold", gold.toString(), answers.toString());
        err.getBuffer().setLength(0);
        assertBadInput("--redundancy must be >= 1", "simulate", "--policy", "fixed", "--redundancy", "-3", "--gold", gold.toString(), answers.toString());
    }

    @Test
    void refusesAMissingGoldOptionOrFile() {
        assertBadInput("--gold", "simulate", "--policy", "need", answers.toString());
        err.getBuffer().setLength(0);
        assertBadInput("nope.csv: no such file", "simulate", "--policy", "need", "--gold", dir.resolve("nope.csv").toString(), answers.toString());
    }

    @Test
    void refusesAnUnknownMethod() {
        assertBadInput("unknown method 'oracle'", "simulate", "--policy", "need", "--method", "oracle", "--gold", gold.toString(), answers.toString());
    }

    @Test
    void namesFileLineAndColumnOfBadCsv() throws IOException {
        Path bad = Files.write(dir.resolve("bad.csv"), List.of("task,worker,label", "t1,w1,yes", "t2,,no"));
        assertBadInput("bad.csv line 3 column 2: empty worker", "simulate", "--policy", "need", "--gold", gold.toString(), bad.toString());
        err.getBuffer().setLength(0);
        Path short_ = Files.write(dir.resolve("short.csv"), List.of("task,worker,label", "t1,w1"));
        assertBadInput("short.csv line 2: expected 3 columns", "simulate", "--policy", "need", "--gold", gold.toString(), short_.toString());
    }

    @Test
    void refusesGoldThatMatchesNoTask() throws IOException {
        Path other = Files.write(dir.resolve("other.csv"), List.of("task,label", "zz,yes"));
        assertBadInput("none of its 1 tasks appears", "simulate", "--policy", "need", "--gold", other.toString(), answers.toString());
    }
}
