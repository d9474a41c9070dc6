package io.attentionflow.plugins.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Suggestion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldAiHelperTest {

    /**
     * The least share of the best known contacts the helper must reach on every demo chain. Measured
     * figures are printed by {@link #reachesMostOfTheBestKnownContactsOnEveryDemoChain()}; the threshold
     * sits below the worst of them so the test guards against breakage, not against noise.
     */
    private static final double LEAST_SHARE_OF_BEST_KNOWN = 0.85;

    private final FoldAiHelper helper = new FoldAiHelper();
    private final FoldGame game = new FoldGame();

    @Test
    void reachesMostOfTheBestKnownContactsOnEveryDemoChain() {
        for (Map<String, String> row : DemoChains.benchmarks().items()) {
            Item item = new Item(Map.of("sequence", row.get("sequence"), "best_known", row.get("best_known")), List.of());
            long started = System.nanoTime();
            Suggestion suggestion = helper.suggest(item).orElseThrow();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(List.of(), game.validateAnswer(item, suggestion.answer()), row.get("id"));
            int contacts = (int) game.objective(item, suggestion.answer()).orElseThrow();
            int bestKnown = Integer.parseInt(row.get("best_known"));
            System.out.printf("fold helper: %-16s length %3d  contacts %2d / best known %2d  confidence %.2f  %5d ms%n",
                    row.get("id"), row.get("sequence").length(), contacts, bestKnown, suggestion.confidence(), millis);
            assertTrue(contacts <= bestKnown, row.get("id") + " beats the published record: check the figure");
            assertTrue(contacts >= LEAST_SHARE_OF_BEST_KNOWN * bestKnown, row.get("id") + ": " + contacts + " of " + bestKnown);
            assertEquals((double) contacts / bestKnown, suggestion.confidence(), 1e-9, row.get("id"));
        }
    }

    @Test
    void givesTheSameFoldForTheSameSequence() {
        Item item = new Item(Map.of("sequence", "PPPHHPPHHPPPPPHHHHHHHPPHHPPPPHHPPHPP"), List.of());
        assertEquals(helper.suggest(item), helper.suggest(item));
    }

    @Test
    void judgesAChainWithoutFigureAgainstTheContactBound() {
        Item item = new Item(Map.of("sequence", "HPPHHPPH"), List.of());
        Suggestion suggestion = helper.suggest(item).orElseThrow();
        int contacts = (int) game.objective(item, suggestion.answer()).orElseThrow();
        assertEquals((double) contacts / HpSequence.contactBound("HPPHHPPH"), suggestion.confidence(), 1e-9);
    }

    @Test
    void foldsTheShortestChainAndChainsWithoutHydrophobicResidues() {
        for (String sequence : List.of("HH", "PP", "PPPPPPPP")) {
            Item item = new Item(Map.of("sequence", sequence), List.of());
            Suggestion suggestion = helper.suggest(item).orElseThrow();
            assertEquals(List.of(), game.validateAnswer(item, suggestion.answer()), sequence);
            assertEquals(1.0, suggestion.confidence(), sequence);
        }
    }

    @Test
    void hasNoSuggestionForAnUnplayableItem() {
        assertTrue(helper.suggest(new Item(Map.of("sequence", "HXH"), List.of())).isEmpty());
    }
}
