package io.attentionflow.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * A small ready-to-play project a game offers, seeded by the host on a fresh installation.
 *
 * @param name   project name
 * @param labels answer labels
 * @param items  items as uploaded: each has an {@code id}, the game's fields, and optionally {@code gold}
 */
public record DemoProject(String name, List<String> labels, List<Map<String, String>> items) {

    public DemoProject {
        labels = List.copyOf(labels);
        items = List.copyOf(items);
    }
}
