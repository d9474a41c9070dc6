package io.attentionflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.TruthInference;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads an answers file ({@code task,worker,label}) and a gold file ({@code task,label}) for the
 * replay. A first row that names the columns is a header and skipped. Label ids follow the sorted
 * label strings (numerically when all are integers), as common toolkits order them, so majority-vote
 * ties break the same way. Every problem is a {@link BadInput} naming file, line and column.
 */
final class ReplayCsv {

    /** Bad input, with a message that names the file and where in it. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    record Data(CategoricalAnswers answers, int[] gold, int goldItems) {
    }

    private record Row(long line, String[] cells) {
    }

    private ReplayCsv() {
    }

    static Data read(Path answersFile, Path goldFile) throws BadInput {
        List<Row> answers = rows(answersFile, new String[] {"task", "worker", "label"});
        List<Row> golds = rows(goldFile, new String[] {"task", "label"});
        if (answers.isEmpty()) {
            throw new BadInput(answersFile + ": no answers");
        }
        boolean numeric = answers.stream().allMatch(r -> isInteger(r.cells()[2])) && golds.stream().allMatch(r -> isInteger(r.cells()[1]));
        Comparator<String> natural = Comparator.naturalOrder();
        Comparator<String> order = numeric ? Comparator.<String, java.math.BigInteger>comparing(java.math.BigInteger::new).thenComparing(natural) : natural;
        TreeSet<String> distinct = new TreeSet<>(order);
        answers.forEach(r -> distinct.add(r.cells()[2]));
        golds.forEach(r -> distinct.add(r.cells()[1]));
        IdIndex labels = new IdIndex();
        distinct.forEach(labels::intern);
        IdIndex items = new IdIndex();
        IdIndex workers = new IdIndex();
        int n = answers.size();
        int[] item = new int[n];
        int[] worker = new int[n];
        int[] label = new int[n];
        for (int a = 0; a < n; a++) {
            String[] c = answers.get(a).cells();
            item[a] = items.intern(c[0]);
            worker[a] = workers.intern(c[1]);
            label[a] = labels.find(c[2]);
        }
        int[] gold = new int[items.size()];
        Arrays.fill(gold, TruthInference.NO_GOLD);
        Map<String, Long> seenAt = new HashMap<>();
        int matched = 0;
        for (Row r : golds) {
            String task = r.cells()[0];
            Long earlier = seenAt.putIfAbsent(task, r.line());
            if (earlier != null) {
                throw new BadInput(goldFile + " line " + r.line() + " column 1: task '" + task + "' already has gold on line " + earlier);
            }
            int i = items.find(task);
            if (i >= 0) {
                gold[i] = labels.find(r.cells()[1]);
                matched++;
            }
        }
        if (matched == 0) {
            throw new BadInput(goldFile + ": none of its " + golds.size() + " tasks appears in " + answersFile);
        }
        return new Data(new CategoricalAnswers(items.size(), workers.size(), labels.size(), item, worker, label), gold, matched);
    }

    private static boolean isInteger(String s) {
        return s.matches("-?\\d{1,18}");
    }

    private static List<Row> rows(Path file, String[] columns) throws BadInput {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
            boolean first = true;
            while (it.hasNextValue()) {
                String[] cells = it.nextValue();
                long line = it.getParser().currentTokenLocation().getLineNr();
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (first) {
                    first = false;
                    if (isHeader(cells, columns)) {
                        continue;
                    }
                }
                if (cells.length != columns.length) {
                    throw new BadInput(file + " line " + line + ": expected " + columns.length + " columns ("
                            + String.join(",", columns) + "), got " + cells.length);
                }
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = cells[c].trim();
                    if (cells[c].isEmpty()) {
                        throw new BadInput(file + " line " + line + " column " + (c + 1) + ": empty " + columns[c]);
                    }
                }
                rows.add(new Row(line, cells));
            }
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new BadInput(file + " line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException ? e.getCause() : e;
            if (cause instanceof JsonProcessingException j) {
                throw new BadInput(file + " line " + j.getLocation().getLineNr() + " column " + j.getLocation().getColumnNr()
                        + ": " + j.getOriginalMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new BadInput(file + ": cannot read (" + e.getMessage() + ")");
        }
        return rows;
    }

    private static boolean isHeader(String[] cells, String[] columns) {
        if (cells.length != columns.length) {
            return false;
        }
        for (int c = 0; c < cells.length; c++) {
            if (!cells[c].trim().equalsIgnoreCase(columns[c])) {
                return false;
            }
        }
        return true;
    }
}
