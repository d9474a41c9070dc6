package io.attentionflow.app.item;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an item upload (CSV with a header, or JSON Lines) and checks every row against the game type and
 * the project's labels. Collects all problems (up to {@link #MAX_REPORTED}) before refusing, so a
 * researcher can fix a file in one pass. Lines are 1-based; in CSV the header is line 1.
 */
public final class ItemFileParser {

    /** The longest row accepted, in characters. */
    public static final int MAX_ROW_CHARS = 65_536;
    static final int MAX_ID_LENGTH = 200;
    static final int MAX_REPORTED = 50;
    private static final String ID = "id";
    private static final String GOLD = "gold";

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GameType game;
    private final List<String> labels;
    private final Set<String> allowedColumns = new HashSet<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    public ItemFileParser(GameType game, List<String> labels) {
        this.game = game;
        this.labels = labels;
        allowedColumns.add(ID);
        allowedColumns.add(GOLD);
        allowedColumns.addAll(game.itemFields());
    }

    /** Parses CSV; throws {@link ApiException} (400) naming every bad line and column. */
    public List<UploadRow> csv(String body) {
        List<UploadRow> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(body)) {
            if (!it.hasNext()) {
                throw ApiException.badRequest("body", "the file is empty: a header line with at least 'id' is required");
            }
            List<String> header = it.next();
            checkHeader(header);
            failIfErrors();
            int line = 1;
            while (it.hasNext() && errors.size() < MAX_REPORTED) {
                line++;
                List<String> cells = it.next();
                if (cells.size() == 1 && cells.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (cells.size() != header.size()) {
                    errors.add(new FieldError("row", "has " + cells.size() + " columns, the header has " + header.size(), line,
                            Math.min(cells.size(), header.size()) + 1));
                    continue;
                }
                if (rowLength(cells) > MAX_ROW_CHARS) {
                    errors.add(new FieldError("row", "is longer than " + MAX_ROW_CHARS + " characters", line, null));
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    values.put(header.get(c), cells.get(c));
                }
                UploadRow row = check(line, values);
                if (row != null) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw malformed(e, "CSV");
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException parse) {
                throw malformed(parse, "CSV");
            }
            throw e;
        }
        return finish(rows);
    }

    /** Parses JSON Lines; throws {@link ApiException} (400) naming every bad line. */
    public List<UploadRow> jsonLines(String body) {
        List<UploadRow> rows = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length && errors.size() < MAX_REPORTED; i++) {
            int line = i + 1;
            String text = lines[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.length() > MAX_ROW_CHARS) {
                errors.add(new FieldError("row", "is longer than " + MAX_ROW_CHARS + " characters", line, null));
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                errors.add(new FieldError("row", "is not valid JSON: " + e.getOriginalMessage(), line,
                        e.getLocation() == null ? null : e.getLocation().getColumnNr()));
                continue;
            }
            if (!node.isObject()) {
                errors.add(new FieldError("row", "must be a JSON object, found " + node.getNodeType().name().toLowerCase(), line, 1));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            boolean scalars = true;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isContainerNode()) {
                    errors.add(new FieldError(field.getKey(), "must be a string or a number", line, null));
                    scalars = false;
                } else if (!field.getValue().isNull()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            }
            if (!scalars) {
                continue;
            }
            for (String key : values.keySet()) {
                if (!allowedColumns.contains(key)) {
                    errors.add(new FieldError(key, "is not a field of game '" + game.id() + "'; allowed: " + allowedList(), line, null));
                    scalars = false;
                }
            }
            if (scalars) {
                UploadRow row = check(line, values);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return finish(rows);
    }

    private void checkHeader(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            if (!allowedColumns.contains(column)) {
                errors.add(new FieldError(column, "is not a column of game '" + game.id() + "'; allowed: " + allowedList(), 1, c + 1));
            } else if (!seen.add(column)) {
                errors.add(new FieldError(column, "appears twice in the header", 1, c + 1));
            }
        }
        if (!header.contains(ID)) {
            errors.add(new FieldError(ID, "column is missing from the header", 1, null));
        }
    }

    private String allowedList() {
        return String.join(", ", allowedColumns.stream().sorted().toList());
    }

    private UploadRow check(int line, Map<String, String> values) {
        int before = errors.size();
        String id = values.remove(ID);
        String gold = values.remove(GOLD);
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(ID, "must be 1 to " + MAX_ID_LENGTH + " characters", line, null));
        } else if (!ids.add(id)) {
            errors.add(new FieldError(ID, "repeats id '" + id + "' of an earlier line", line, null));
        }
        if (gold != null && gold.isEmpty()) {
            gold = null;
        }
        if (gold != null && labels.isEmpty()) {
            errors.add(new FieldError(GOLD, "game '" + game.id() + "' has no labels, so its items take no gold answer", line, null));
        } else if (gold != null && !labels.contains(gold)) {
            errors.add(new FieldError(GOLD, "must be one of the project's labels: " + String.join(", ", labels), line, null));
        }
        Map<String, String> fields = new HashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                fields.put(key, value);
            }
        });
        for (Problem problem : game.validateItem(new Item(fields, labels))) {
            errors.add(new FieldError(problem.field(), problem.reason(), line, null));
        }
        return errors.size() == before ? new UploadRow(line, id, fields, gold) : null;
    }

    private List<UploadRow> finish(List<UploadRow> rows) {
        failIfErrors();
        if (rows.isEmpty()) {
            throw ApiException.badRequest("body", "the upload holds no items");
        }
        return rows;
    }

    private void failIfErrors() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static int rowLength(List<String> cells) {
        int length = 0;
        for (String cell : cells) {
            length += cell.length();
        }
        return length;
    }

    private static ApiException malformed(Exception e, String format) {
        if (e instanceof JsonProcessingException parse && parse.getLocation() != null) {
            return ApiException.invalid(List.of(new FieldError("body", "is not valid " + format + ": " + parse.getOriginalMessage(),
                    parse.getLocation().getLineNr(), parse.getLocation().getColumnNr())));
        }
        return ApiException.badRequest("body", "is not valid " + format + ": " + e.getMessage());
    }
}
