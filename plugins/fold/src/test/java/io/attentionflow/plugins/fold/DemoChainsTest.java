package io.attentionflow.plugins.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.attentionflow.plugin.api.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoChainsTest {

    private final FoldGame game = new FoldGame();

    @Test
    void everyDemoChainIsPlayable() {
        var demo = game.demoProject().orElseThrow();
        assertEquals(List.of(), demo.labels());
        for (Map<String, String> row : demo.items()) {
            Item item = new Item(Map.of("sequence", row.get("sequence"), "best_known", row.get("best_known")), List.of());
            assertEquals(List.of(), game.validateItem(item), row.get("id"));
        }
    }

    @Test
    void benchmarkIdsStateTheirLength() {
        for (Map<String, String> row : DemoChains.benchmarks().items()) {
            String id = row.get("id");
            int stated = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            assertEquals(stated, row.get("sequence").length(), id);
        }
    }

    @Test
    void warmUpFiguresAreOptimalByExhaustiveEnumeration() {
        for (Map<String, String> row : DemoChains.benchmarks().items()) {
            if (row.get("id").startsWith("warm-up")) {
                assertEquals(Integer.parseInt(row.get("best_known")), mostContacts(row.get("sequence")), row.get("id"));
            }
        }
    }

    /** The most contacts of any fold, by trying every self-avoiding walk whose first move is R. */
    private static int mostContacts(String sequence) {
        return mostContacts(sequence, new StringBuilder("R"));
    }

    private static int mostContacts(String sequence, StringBuilder moves) {
        if (moves.length() == sequence.length() - 1) {
            return new LatticeFold(moves.toString(), sequence.length()).contacts(sequence);
        }
        int best = -1;
        for (char letter : LatticeFold.MOVE_LETTERS.toCharArray()) {
            moves.append(letter);
            if (isSelfAvoidingSoFar(moves)) {
                best = Math.max(best, mostContacts(sequence, moves));
            }
            moves.setLength(moves.length() - 1);
        }
        return best;
    }

    private static boolean isSelfAvoidingSoFar(CharSequence moves) {
        try {
            new LatticeFold(moves.toString(), moves.length() + 1);
            return true;
        } catch (IllegalArgumentException overlap) {
            return false;
        }
    }
}
