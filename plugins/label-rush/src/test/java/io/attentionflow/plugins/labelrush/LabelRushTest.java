package io.attentionflow.plugins.labelrush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelRushTest {

    private final LabelRush game = new LabelRush();
    private final List<String> labels = List.of("cat", "dog");

    @Test
    void acceptsATextItem() {
        assertEquals(List.of(), game.validateItem(new Item(Map.of("text", "a small cat"), labels)));
    }

    @Test
    void refusesAnItemWithNeitherTextNorImage() {
        List<Problem> problems = game.validateItem(new Item(Map.of(), labels));
        assertEquals("text", problems.get(0).field());
    }

    @Test
    void refusesAnItemWithBothTextAndImage() {
        List<Problem> problems = game.validateItem(new Item(Map.of("text", "x", "image_url", "https://example.org/a.png"), labels));
        assertEquals(1, problems.size());
    }

    @Test
    void refusesAnImageThatIsNotAWebAddress() {
        List<Problem> problems = game.validateItem(new Item(Map.of("image_url", "javascript:alert(1)"), labels));
        assertEquals("image_url", problems.get(0).field());
    }

    @Test
    void refusesTooLongText() {
        List<Problem> problems = game.validateItem(new Item(Map.of("text", "x".repeat(LabelRush.MAX_TEXT_LENGTH + 1)), labels));
        assertEquals("text", problems.get(0).field());
    }

    @Test
    void refusesAnAnswerThatIsNotALabel() {
        Item item = new Item(Map.of("text", "a small cat"), labels);
        assertEquals("answer", game.validateAnswer(item, "horse").get(0).field());
        assertTrue(game.validateAnswer(item, "dog").isEmpty());
    }

    @Test
    void goldPaysDoubleWhenRightAndNothingWhenWrong() {
        Item item = new Item(Map.of("text", "a small cat"), labels);
        assertEquals(LabelRush.GOLD_POINTS, game.points(item, "cat", Optional.of("cat")));
        assertEquals(0, game.points(item, "dog", Optional.of("cat")));
        assertEquals(LabelRush.POINTS, game.points(item, "dog", Optional.empty()));
    }

    @Test
    void demoItemsAreAllPlayable() {
        var demo = game.demoProject().orElseThrow();
        for (Map<String, String> row : demo.items()) {
            Item item = new Item(Map.of("text", row.get("text")), demo.labels());
            assertEquals(List.of(), game.validateItem(item), row.get("id"));
            if (row.containsKey("gold")) {
                assertEquals(List.of(), game.validateAnswer(item, row.get("gold")), row.get("id"));
            }
        }
    }
}
