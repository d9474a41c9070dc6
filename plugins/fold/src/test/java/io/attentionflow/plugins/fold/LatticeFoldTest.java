package io.attentionflow.plugins.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatticeFoldTest {

    @Test
    void straightChainHasNoContacts() {
        assertEquals(0, new LatticeFold("RRR", 4).contacts("HHHH"));
    }

    @Test
    void squareBringsTheEndsTogether() {
        // (0,0) (1,0) (1,1) (0,1): residues 1 and 4 touch.
        assertEquals(1, new LatticeFold("RUL", 4).contacts("HPPH"));
        assertEquals(1, new LatticeFold("RUL", 4).contacts("HHHH"));
        assertEquals(0, new LatticeFold("RUL", 4).contacts("HPPP"));
    }

    @Test
    void chainNeighboursNeverCount() {
        assertEquals(0, new LatticeFold("R", 2).contacts("HH"));
        assertEquals(0, new LatticeFold("RU", 3).contacts("HHH"));
    }

    @Test
    void hairpinCountsEachFacingPairOnce() {
        // (0,0) (1,0) (2,0) (2,1) (1,1) (0,1): pairs 1-6 and 2-5 face each other; 3-4 are chain neighbours.
        assertEquals(2, new LatticeFold("RRULL", 6).contacts("HHHHHH"));
        assertEquals(1, new LatticeFold("RRULL", 6).contacts("PHHHHP"));
        assertEquals(1, new LatticeFold("RRULL", 6).contacts("HPPPPH"));
    }

    @Test
    void residueInTheMiddleOfAUTouchesThreeSides() {
        // A 3x3 spiral ending in the centre: (0,0) (1,0) (2,0) (2,1) (2,2) (1,2) (0,2) (0,1) (1,1).
        // The centre (residue 9) touches residues 2, 4 and 6 besides its chain neighbour 8.
        assertEquals(3, new LatticeFold("RRUULLDR", 9).contacts("PHPHPHPPH"));
        // Add residue 1 - residue 8 ((0,0)-(0,1)).
        assertEquals(4, new LatticeFold("RRUULLDR", 9).contacts("HHPHPHPHH"));
    }

    @Test
    void refusesAFoldThatOverlapsItselfNamingBothResidues() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new LatticeFold("RULD", 5));
        assertTrue(refused.getMessage().contains("residues 1 and 5"), refused.getMessage());
    }

    @Test
    void refusesALetterOtherThanUdlr() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new LatticeFold("RUX", 4));
        assertTrue(refused.getMessage().contains("move 3 is 'X'"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LatticeFold("rul", 4));
    }

    @Test
    void refusesTheWrongNumberOfMoves() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new LatticeFold("RU", 4));
        assertTrue(refused.getMessage().contains("must have 3 moves"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LatticeFold(null, 4));
    }

    @Test
    void movesRoundTripThroughCoordinates() {
        LatticeFold fold = new LatticeFold("RRUULLDR", 9);
        int[] xs = new int[9];
        int[] ys = new int[9];
        for (int i = 0; i < 9; i++) {
            xs[i] = fold.x(i);
            ys[i] = fold.y(i);
        }
        assertEquals("RRUULLDR", LatticeFold.moves(xs, ys, 9));
    }
}
