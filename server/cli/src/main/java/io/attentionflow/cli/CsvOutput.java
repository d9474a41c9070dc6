package io.attentionflow.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** CSV rows collected in memory (quoted where needed by Jackson), and the number format of the outputs. */
final class CsvOutput {

    private static final CsvMapper MAPPER = new CsvMapper();

    private final StringWriter text = new StringWriter();
    private final SequenceWriter writer;

    CsvOutput() {
        try {
            writer = MAPPER.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void row(String... cells) {
        try {
            writer.write(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** At most six decimals, no exponent, no trailing zeros; empty for NaN. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        String s = BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
