package io.attentionflow.app.persistence;

/**
 * Number arrays to and from PostgreSQL. Statements that pass rows of arrays through {@code unnest} send each
 * as an array literal: {@code unnest} would flatten a two-dimensional array parameter, so each row's array
 * travels as text and is cast back.
 */
public final class PgArrays {

    private PgArrays() {
    }

    /** A {@code float8[]} column as read by the client, unboxed; {@code null} for SQL null. */
    public static double[] unboxed(Double[] boxed) {
        if (boxed == null) {
            return null;
        }
        double[] values = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i];
        }
        return values;
    }

    /** {@code {0.1,0.9}}, or {@code null} for {@code null}. */
    public static String literal(double[] values) {
        if (values == null) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            literal.append(i == 0 ? "" : ",").append(values[i]);
        }
        return literal.append('}').toString();
    }
}
