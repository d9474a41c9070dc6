package io.attentionflow.plugins.fold;

import java.util.Optional;

/**
 * Facts about an HP sequence (one letter per residue: {@code H} hydrophobic, {@code P} polar) that hold
 * for every fold of it on the square lattice.
 */
final class HpSequence {

    static final int MIN_LENGTH = 2;
    static final int MAX_LENGTH = 100;

    private HpSequence() {
    }

    /** Why {@code sequence} is not a playable chain, or empty when it is. */
    static Optional<String> problem(String sequence) {
        if (sequence == null || sequence.isBlank()) {
            return Optional.of("is required: a string of H and P");
        }
        if (sequence.length() < MIN_LENGTH || sequence.length() > MAX_LENGTH) {
            return Optional.of("has " + sequence.length() + " residues; a chain has " + MIN_LENGTH + " to " + MAX_LENGTH);
        }
        for (int i = 0; i < sequence.length(); i++) {
            char letter = sequence.charAt(i);
            if (letter != 'H' && letter != 'P') {
                return Optional.of("residue " + (i + 1) + " is '" + letter + "'; only H and P (upper case) are allowed");
            }
        }
        return Optional.empty();
    }

    /**
     * An upper bound on the H-H contacts of any fold of {@code sequence}, used to judge a fold when no best
     * known figure is given. The square lattice is bipartite, so a residue always sits on a point whose
     * colour is the parity of its index and a contact joins an even residue to an odd one at least three
     * apart. An inner residue has two lattice neighbours left after its chain neighbours, an end residue
     * three. The bound is the least of: the free neighbours of the even H residues, those of the odd H
     * residues, and the number of even-odd H pairs that are not chain neighbours. Runs in O(n^2).
     */
    static int contactBound(String sequence) {
        int n = sequence.length();
        int evenSlots = 0;
        int oddSlots = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            if (sequence.charAt(i) != 'H') {
                continue;
            }
            int slots = (i == 0 || i == n - 1) ? 3 : 2;
            if (i % 2 == 0) {
                evenSlots += slots;
            } else {
                oddSlots += slots;
            }
            for (int j = i + 3; j < n; j += 2) {
                if (sequence.charAt(j) == 'H') {
                    pairs++;
                }
            }
        }
        return Math.min(pairs, Math.min(evenSlots, oddSlots));
    }
}
