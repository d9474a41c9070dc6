package io.attentionflow.plugins.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PullMoveSearchTest {

    @Test
    void everyFoldItReturnsIsSelfAvoidingAndScoredRight() {
        // Many seeds and long runs let the chain drift across the grid and recentre; assertions in Chain
        // (enabled under surefire) catch a lattice point taken twice.
        String sequence = "HPHPPHHPHPPHPHHPPHPHHPPH";
        for (long seed = 1; seed <= 20; seed++) {
            PullMoveSearch.Result result = new PullMoveSearch(sequence, seed, 200_000, Integer.MAX_VALUE).search();
            LatticeFold fold = new LatticeFold(result.moves(), sequence.length());
            assertEquals(fold.contacts(sequence), result.contacts(), "seed " + seed);
        }
    }

    @Test
    void stopsAtTheTarget() {
        PullMoveSearch.Result result = new PullMoveSearch("HPPH", 7, 1_000_000, 1).search();
        assertEquals(1, result.contacts());
    }

    @Test
    void withNoBudgetReturnsTheStraightChain() {
        PullMoveSearch.Result result = new PullMoveSearch("HPPHH", 7, 0, 10).search();
        assertEquals("RRRR", result.moves());
        assertEquals(0, result.contacts());
    }

    @Test
    void sameSeedSameFold() {
        String sequence = "PPHPPHHPPPPHHPPPPHHPPPPHH";
        assertEquals(new PullMoveSearch(sequence, 42, 100_000, 99).search(),
                new PullMoveSearch(sequence, 42, 100_000, 99).search());
    }

    @Test
    void refusesAnInvalidSequence() {
        assertThrows(IllegalArgumentException.class, () -> new PullMoveSearch("HQ", 1, 10, 1));
        assertTrue(new PullMoveSearch("HP", 1, 10, 0).search().moves().length() == 1);
    }
}
