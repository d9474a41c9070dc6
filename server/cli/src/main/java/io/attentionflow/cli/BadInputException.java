package io.attentionflow.cli;

import java.nio.file.Path;

/** Input the command cannot use; the message names the file, the line and the column. */
final class BadInputException extends Exception {

    BadInputException(Path file, long line, String column, String problem) {
        super(file + ": line " + line + (column == null ? "" : ", column " + column) + ": " + problem);
    }

    BadInputException(String message) {
        super(message);
    }
}
