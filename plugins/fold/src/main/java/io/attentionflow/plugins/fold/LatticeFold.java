package io.attentionflow.plugins.fold;

import java.util.HashMap;
import java.util.Map;

/**
 * A chain folded on the square lattice, decoded from absolute moves, and the H-H contacts it makes.
 *
 * <p>Encoding: residue 0 sits at the origin and each letter of the move string steps from one residue to
 * the next: {@code U} adds 1 to y, {@code D} subtracts 1, {@code R} adds 1 to x, {@code L} subtracts 1.
 * Every decoded move string of the right length is therefore a connected chain: consecutive residues are
 * always lattice neighbours, so a fold that "breaks the chain" cannot be written down. What can go wrong
 * is the length, a letter outside {@code UDLR}, and two residues landing on one lattice point; the
 * constructor refuses each with a reason a player can act on (residues numbered from 1, as on screen).
 *
 * <p>The browser module {@code web/fold-model.js} implements the same encoding and the same contact rule,
 * so the count a player sees is the count the server records.
 */
final class LatticeFold {

    /** The move letters in the order of {@link #DX} and {@link #DY}. */
    static final String MOVE_LETTERS = "UDLR";
    static final int[] DX = {0, 0, -1, 1};
    static final int[] DY = {1, -1, 0, 0};

    private final int[] xs;
    private final int[] ys;
    private final Map<Long, Integer> residueAt;

    /**
     * Decodes a fold of a chain of {@code residues} residues.
     *
     * @throws IllegalArgumentException with a player-readable reason when the moves are not a fold of such
     *                                  a chain: wrong length, a letter other than U, D, L, R, or an overlap
     */
    LatticeFold(String moves, int residues) {
        if (moves == null) {
            throw new IllegalArgumentException("a fold is required: " + (residues - 1) + " moves from U, D, L, R");
        }
        if (moves.length() != residues - 1) {
            throw new IllegalArgumentException("must have " + (residues - 1) + " moves (one fewer than the " + residues
                    + " residues), got " + moves.length());
        }
        xs = new int[residues];
        ys = new int[residues];
        residueAt = new HashMap<>(residues * 2);
        residueAt.put(key(0, 0), 0);
        for (int i = 1; i < residues; i++) {
            char letter = moves.charAt(i - 1);
            int direction = MOVE_LETTERS.indexOf(letter);
            if (direction < 0) {
                throw new IllegalArgumentException("move " + i + " is '" + printable(letter)
                        + "', but a move is one of U, D, L, R (upper case)");
            }
            xs[i] = xs[i - 1] + DX[direction];
            ys[i] = ys[i - 1] + DY[direction];
            Integer earlier = residueAt.putIfAbsent(key(xs[i], ys[i]), i);
            if (earlier != null) {
                throw new IllegalArgumentException("the fold overlaps itself: residues " + (earlier + 1) + " and " + (i + 1)
                        + " (counting from 1) sit on the same lattice point (" + xs[i] + ", " + ys[i] + ")");
            }
        }
    }

    /** Number of residues in the chain. */
    int length() {
        return xs.length;
    }

    int x(int residue) {
        return xs[residue];
    }

    int y(int residue) {
        return ys[residue];
    }

    /**
     * Number of H-H topological contacts: pairs of H residues on neighbouring lattice points that are not
     * consecutive in the chain. Runs in O(n).
     *
     * @param sequence one letter per residue, {@code H} (hydrophobic) or {@code P} (polar)
     */
    int contacts(String sequence) {
        if (sequence.length() != xs.length) {
            throw new IllegalArgumentException("sequence has " + sequence.length() + " residues, the fold " + xs.length);
        }
        int contacts = 0;
        for (int i = 0; i < xs.length; i++) {
            if (sequence.charAt(i) != 'H') {
                continue;
            }
            for (int direction = 0; direction < 4; direction++) {
                Integer j = residueAt.get(key(xs[i] + DX[direction], ys[i] + DY[direction]));
                // j > i + 1 counts each pair once and skips the chain neighbour.
                if (j != null && j > i + 1 && sequence.charAt(j) == 'H') {
                    contacts++;
                }
            }
        }
        return contacts;
    }

    /** The absolute moves of a chain given by its coordinates; consecutive residues must be neighbours. */
    static String moves(int[] xs, int[] ys, int residues) {
        StringBuilder moves = new StringBuilder(residues - 1);
        for (int i = 1; i < residues; i++) {
            int dx = xs[i] - xs[i - 1];
            int dy = ys[i] - ys[i - 1];
            int direction = -1;
            for (int d = 0; d < 4; d++) {
                if (DX[d] == dx && DY[d] == dy) {
                    direction = d;
                }
            }
            assert direction >= 0 : "residues " + (i - 1) + " and " + i + " are not neighbours";
            moves.append(MOVE_LETTERS.charAt(direction));
        }
        return moves.toString();
    }

    private static long key(int x, int y) {
        return ((long) x << 32) ^ (y & 0xffffffffL);
    }

    private static String printable(char letter) {
        return Character.isISOControl(letter) || Character.isWhitespace(letter)
                ? String.format("U+%04X", (int) letter)
                : String.valueOf(letter);
    }
}
