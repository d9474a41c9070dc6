package io.attentionflow.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a CSV file with a header row, streaming: finds the required columns by name (any order, case
 * and surrounding blanks ignored, extra columns allowed) and hands each data row's values for them to a
 * handler with the row's line number. Blank lines are skipped. Every problem becomes a
 * {@link BadInputException} that names the file, the line and the column.
 */
final class CsvInput {

    /** Receives one data row: {@code values[c]} is the value of {@code required[c]}. */
    interface RowHandler {
        void row(long line, String[] values) throws BadInputException;
    }

    private static final CsvFactory FACTORY = new CsvFactory();

    private CsvInput() {
    }

    /** @return the number of data rows read */
    static long read(Path file, List<String> required, RowHandler handler) throws BadInputException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvParser parser = FACTORY.createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            int[] index = null;
            long rows = 0;
            List<String> cells = new ArrayList<>();
            long line = 1;
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    // the whole document is one outer array; each row is an inner one
                    depth++;
                    cells.clear();
                } else if (token == JsonToken.END_ARRAY) {
                    if (--depth != 1 || isBlank(cells)) {
                        continue;
                    }
                    if (index == null) {
                        index = header(file, line, cells, required);
                        continue;
                    }
                    String[] values = new String[required.size()];
                    for (int c = 0; c < values.length; c++) {
                        String column = required.get(c) + " (" + (index[c] + 1) + ")";
                        if (index[c] >= cells.size()) {
                            throw new BadInputException(file, line, column, "missing value: the row has only " + cells.size() + " columns");
                        }
                        String value = cells.get(index[c]).strip();
                        if (value.isEmpty()) {
                            throw new BadInputException(file, line, column, "empty value");
                        }
                        values[c] = value;
                    }
                    rows++;
                    handler.row(line, values);
                } else if (token.isScalarValue()) {
                    if (cells.isEmpty()) {
                        line = lineOf(parser.currentTokenLocation());
                    }
                    cells.add(parser.getText());
                }
            }
            if (index == null) {
                throw new BadInputException(file, 1, null, "the file is empty; expected a header " + String.join(",", required));
            }
            if (rows == 0) {
                throw new BadInputException(file, line + 1, null, "no data rows after the header");
            }
            return rows;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(file, at == null ? 0 : lineOf(at), at == null ? null : String.valueOf(at.getColumnNr()),
                    "malformed CSV: " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static long lineOf(JsonLocation location) {
        return Math.max(1, location.getLineNr());
    }

    private static boolean isBlank(List<String> cells) {
        for (String c : cells) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static int[] header(Path file, long line, List<String> cells, List<String> required) throws BadInputException {
        List<String> names = new ArrayList<>(cells.size());
        for (String c : cells) {
            names.add(c.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
        }
        int[] index = new int[required.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = names.indexOf(required.get(c));
            if (index[c] < 0) {
                throw new BadInputException(file, line, required.get(c),
                        "missing column '" + required.get(c) + "' in the header (found: " + String.join(",", names) + ")");
            }
        }
        return index;
    }
}
