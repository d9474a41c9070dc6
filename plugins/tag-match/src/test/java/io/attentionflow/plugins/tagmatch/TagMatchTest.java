package io.attentionflow.plugins.tagmatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagMatchTest {

    private final TagMatch game = new TagMatch();
    private final Item bicycle = new Item(Map.of("text", "A red bicycle leaning on a stone wall in the rain."), List.of());

    @Test
    void isAPairedTextGameOfOneItemPerRound() {
        assertEquals("tag-match", game.id());
        assertEquals(AnswerKind.TEXT, game.answerKind());
        assertEquals(1, game.roundShape().itemsPerRound());
        assertTrue(game.roundShape().paired());
    }

    @Test
    void normalisesCaseSpacingAndCompatibilityForms() {
        assertEquals("red bicycle", TagMatch.normalise("  Red \t  BICYCLE "));
        assertEquals("cat", TagMatch.normalise("ｃａｔ")); // full-width letters
        assertEquals("office", TagMatch.normalise("oﬃce")); // ligature
        assertEquals("stone wall", TagMatch.normalise("stone\u00a0wall")); // no-break space
        assertEquals("istanbul", TagMatch.normalise("ISTANBUL")); // root locale, not Turkish dotless i
        assertEquals("", TagMatch.normalise("   "));
    }

    @Test
    void normalisingTwiceChangesNothing() {
        for (String tag : List.of("  Red \t BICYCLE ", "ｃａｔ", "Straße", "ǅemal", "İstanbul", "x\u2028y")) {
            String once = TagMatch.normalise(tag);
            assertEquals(once, TagMatch.normalise(once), tag);
        }
    }

    @Test
    void acceptsATagOfSixtyFourCharactersAndRefusesSixtyFive() {
        assertEquals(List.of(), game.validateAnswer(bicycle, "b".repeat(64)));
        List<Problem> problems = game.validateAnswer(bicycle, "b".repeat(65));
        assertEquals("answer", problems.get(0).field());
        assertTrue(problems.get(0).reason().contains("65 characters"), problems.get(0).reason());
    }

    @Test
    void measuresLengthInCharactersNotUtf16Units() {
        assertEquals(List.of(), game.validateAnswer(bicycle, "🚲".repeat(64)));
        assertEquals("answer", game.validateAnswer(bicycle, "🚲".repeat(65)).get(0).field());
    }

    @Test
    void refusesBlankAnswers() {
        assertEquals("answer", game.validateAnswer(bicycle, "").get(0).field());
        assertEquals("answer", game.validateAnswer(bicycle, " \u3000 ").get(0).field());
        assertEquals("answer", game.validateAnswer(bicycle, null).get(0).field());
    }

    @Test
    void refusesControlAndFormatCharacters() {
        for (String tag : List.of("red\nbike", "red\tbike", "bell\u0007", "red\u0085bike", "zero\u200bwidth", "rtl\u202Eeman", "bike\u0000")) {
            List<Problem> problems = game.validateAnswer(bicycle, tag);
            assertEquals(1, problems.size(), tag);
            assertTrue(problems.get(0).reason().contains("control character"), problems.get(0).reason());
        }
    }

    @Test
    void refusesBrokenTextAndCommas() {
        assertEquals("answer", game.validateAnswer(bicycle, "bike\ud800").get(0).field());
        assertEquals("answer", game.validateAnswer(bicycle, "red, bike").get(0).field());
    }

    @Test
    void refusesATabooWordAfterNormalisation() {
        Item withTaboo = new Item(Map.of("text", "A red bicycle.", "taboo", "bicycle, Red Wall ,rain"), List.of());
        for (String tag : List.of("bicycle", "BICYCLE", "  Bicycle ", "red   wall", "ｒａｉｎ")) {
            List<Problem> problems = game.validateAnswer(withTaboo, tag);
            assertEquals(1, problems.size(), tag);
            assertTrue(problems.get(0).reason().contains("taboo"), problems.get(0).reason());
        }
        assertEquals(List.of(), game.validateAnswer(withTaboo, "bike"));
        assertEquals(List.of(), game.validateAnswer(withTaboo, "red"));
    }

    @Test
    void itemNeedsExactlyOneOfTextAndImage() {
        assertEquals(List.of(), game.validateItem(bicycle));
        assertEquals(List.of(), game.validateItem(new Item(Map.of("image_url", "https://example.org/bike.jpg"), List.of())));
        assertEquals("text", game.validateItem(new Item(Map.of(), List.of())).get(0).field());
        assertEquals(1, game.validateItem(new Item(Map.of("text", "x", "image_url", "https://example.org/a.png"), List.of())).size());
        assertEquals("image_url", game.validateItem(new Item(Map.of("image_url", "javascript:alert(1)"), List.of())).get(0).field());
    }

    @Test
    void refusesAnUploadedTabooWordThatCouldNeverBeATag() {
        Item item = new Item(Map.of("text", "A red bicycle.", "taboo", "red,x\u0000y"), List.of());
        assertEquals("taboo", game.validateItem(item).get(0).field());
    }

    @Test
    void anAgreedTagEarnsMatchPoints() {
        assertEquals(TagMatch.MATCH_POINTS, game.points(bicycle, "bicycle", Optional.empty()));
        assertEquals(0, game.points(bicycle, "", Optional.empty()));
    }

    @Test
    void demoItemsAreAllPlayable() {
        var demo = game.demoProject().orElseThrow();
        assertEquals(List.of(), demo.labels());
        assertTrue(demo.items().size() >= 20);
        for (Map<String, String> row : demo.items()) {
            assertEquals(List.of(), game.validateItem(new Item(Map.of("text", row.get("text")), List.of())), row.get("id"));
        }
    }
}
