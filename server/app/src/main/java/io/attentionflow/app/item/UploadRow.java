package io.attentionflow.app.item;

import java.util.Map;

/**
 * One item of an upload, checked and ready to store.
 *
 * @param line   line of the upload it came from (1-based; the CSV header is line 1)
 * @param fields the game's fields of the item
 * @param gold   the known answer, or {@code null}
 */
public record UploadRow(int line, String externalId, Map<String, String> fields, String gold) {
}
