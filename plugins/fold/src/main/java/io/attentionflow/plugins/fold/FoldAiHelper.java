package io.attentionflow.plugins.fold;

import io.attentionflow.plugin.api.AiHelper;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Suggestion;
import java.util.Optional;
import java.util.OptionalInt;
import org.pf4j.Extension;

/**
 * The machine player of Fold: a {@link PullMoveSearch} (replica-exchange Monte Carlo over pull moves)
 * with a fixed budget of moves per residue, which takes about a second for a chain of 64 residues on one
 * core. It stops early when it reaches the item's {@code best_known} figure.
 *
 * <p>Deterministic: the random seed is a hash of the sequence and the budget depends only on its length,
 * so one item always gets the same suggestion.
 *
 * <p>Confidence: contacts / {@code best_known} (capped at 1) when the item has that figure. Without it,
 * contacts / {@link HpSequence#contactBound(String)}, an upper bound on the contacts of any fold; this
 * under-states how good the fold is, since the bound is seldom reachable, which is the safe direction
 * for a helper whose confidence saves human answers.
 */
@Extension
public final class FoldAiHelper implements AiHelper {

    /** Proposed pull moves per residue; measured at about one second for 64 residues (see the test report). */
    static final long MOVES_PER_RESIDUE = 64_000;

    @Override
    public String gameType() {
        return "fold";
    }

    @Override
    public Optional<Suggestion> suggest(Item item) {
        String sequence = item.fields().get(FoldGame.SEQUENCE);
        if (HpSequence.problem(sequence).isPresent()) {
            return Optional.empty();
        }
        OptionalInt bestKnown = FoldGame.bestKnown(item);
        int bound = HpSequence.contactBound(sequence);
        int target = bestKnown.isPresent() ? Math.min(bestKnown.getAsInt(), bound) : bound;
        PullMoveSearch.Result found = new PullMoveSearch(sequence, seedOf(sequence),
                MOVES_PER_RESIDUE * sequence.length(), target).search();
        int reference = bestKnown.isPresent() ? bestKnown.getAsInt() : bound;
        double confidence = reference == 0 ? 1.0 : Math.min(1.0, (double) found.contacts() / reference);
        return Optional.of(new Suggestion(found.moves(), confidence));
    }

    /** 64-bit FNV-1a of the sequence: stable across JVMs, unlike a seed from the clock. */
    static long seedOf(String sequence) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < sequence.length(); i++) {
            hash ^= sequence.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
