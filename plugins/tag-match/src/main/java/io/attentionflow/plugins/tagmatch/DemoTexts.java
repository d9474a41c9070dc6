package io.attentionflow.plugins.tagmatch;

import io.attentionflow.plugin.api.DemoProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo project: short scene descriptions written for this demo, for pairs of players to tag. */
final class DemoTexts {

    private static final String[] SCENES = {
        "A red bicycle leaning on a stone wall in the rain.",
        "Two children building a sandcastle while the tide comes in.",
        "An old man feeding pigeons on a park bench in winter.",
        "A cup of black coffee steaming next to an open laptop at dawn.",
        "A lighthouse on a cliff, its beam cutting through thick fog.",
        "A cat asleep in a cardboard box that is much too small for it.",
        "A crowded night market with lanterns and the smell of grilled corn.",
        "A violinist playing alone in an empty underground station.",
        "Fresh snow on a mountain cabin roof, smoke rising from the chimney.",
        "A dog shaking off water after jumping into a lake.",
        "A kitchen table covered in flour, eggs and a rolling pin.",
        "A yellow taxi stuck in traffic under a giant billboard.",
        "A hot air balloon drifting over fields of sunflowers.",
        "An astronaut floating beside a window, the Earth far below.",
        "A library reading room with green lamps and tall wooden shelves.",
        "A fisherman mending nets on a harbour wall at sunset.",
        "A toddler laughing while blowing soap bubbles in the garden.",
        "A thunderstorm over a wheat field, lightning splitting the sky.",
        "A chess game in a café, one player deep in thought.",
        "A tram climbing a steep street lined with pastel houses.",
    };

    private DemoTexts() {
    }

    static DemoProject scenes() {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < SCENES.length; i++) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("id", "scene-" + (i + 1));
            item.put(TagMatch.TEXT, SCENES[i]);
            items.add(item);
        }
        return new DemoProject("Demo: what is in this scene?", List.of(), items);
    }
}
