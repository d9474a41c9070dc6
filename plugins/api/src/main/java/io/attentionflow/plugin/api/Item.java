package io.attentionflow.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * One item as a game sees it: its fields as uploaded (e.g. {@code text} or {@code image_url}) and the
 * project's labels.
 *
 * @param fields the item's fields, without the id and the gold answer
 * @param labels the project's answer labels, in the researcher's order
 */
public record Item(Map<String, String> fields, List<String> labels) {

    public Item {
        fields = Map.copyOf(fields);
        labels = List.copyOf(labels);
    }
}
