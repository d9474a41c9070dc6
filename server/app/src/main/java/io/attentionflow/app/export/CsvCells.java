package io.attentionflow.app.export;

/**
 * Makes text safe to open in a spreadsheet: a cell that starts with {@code = + - @} (or a tab or carriage
 * return) could run as a formula, so it gets a leading apostrophe. Numbers such as {@code -3} are left
 * as they are, since spreadsheets read them as numbers, not formulas.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !isNumber(cell) ? "'" + cell : cell;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
