package io.attentionflow.plugins.fold;

import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.DemoProject;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import io.attentionflow.plugin.api.RoundShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * An optimisation puzzle after Foldit, on the two-dimensional HP lattice model of protein folding
 * (K. A. Dill, "Theory for the folding and stability of globular proteins", Biochemistry 24, 1985): fold a
 * chain of hydrophobic (H) and polar (P) residues on the square lattice so that as many H residues as
 * possible touch.
 *
 * <p>Item fields: {@code sequence}, a string of H and P of length 2 to 100 (required), and
 * {@code best_known}, the best published number of H-H contacts for that sequence (optional, a
 * non-negative integer). Projects of this game have no labels.
 *
 * <p>Answer: a fold as absolute moves, n - 1 letters from U, D, L, R for a chain of n residues (see
 * {@link LatticeFold}). The objective, computed by the server for every accepted fold, is the number of
 * H-H topological contacts: pairs of H residues on neighbouring lattice points that are not consecutive in
 * the chain.
 *
 * <p>Points: {@value #POINTS_PER_CONTACT} per contact, plus {@value #RECORD_BONUS} when the fold reaches
 * the item's {@code best_known} figure (when it has one, and it is above zero). A gold answer is not used:
 * a fold is judged by its contacts, not by likeness to a reference fold.
 */
@Extension
public final class FoldGame implements GameType {

    static final int POINTS_PER_CONTACT = 10;
    static final int RECORD_BONUS = 50;
    static final String SEQUENCE = "sequence";
    static final String BEST_KNOWN = "best_known";

    @Override
    public String id() {
        return "fold";
    }

    @Override
    public String title() {
        return "Fold";
    }

    @Override
    public Set<String> itemFields() {
        return Set.of(SEQUENCE, BEST_KNOWN);
    }

    @Override
    public AnswerKind answerKind() {
        return AnswerKind.STRUCTURED;
    }

    @Override
    public List<Problem> validateItem(Item item) {
        List<Problem> problems = new ArrayList<>();
        String sequence = item.fields().get(SEQUENCE);
        Optional<String> sequenceProblem = HpSequence.problem(sequence);
        sequenceProblem.ifPresent(reason -> problems.add(new Problem(SEQUENCE, reason)));
        String bestKnown = item.fields().get(BEST_KNOWN);
        if (bestKnown != null && !bestKnown.isBlank()) {
            OptionalInt parsed = parseCount(bestKnown);
            if (parsed.isEmpty()) {
                problems.add(new Problem(BEST_KNOWN, "must be a whole number of contacts, 0 or more, got '" + bestKnown.strip() + "'"));
            } else if (sequenceProblem.isEmpty() && parsed.getAsInt() > HpSequence.contactBound(sequence)) {
                problems.add(new Problem(BEST_KNOWN, "is " + parsed.getAsInt() + ", but no fold of this sequence can have more than "
                        + HpSequence.contactBound(sequence) + " contacts"));
            }
        }
        return problems;
    }

    /**
     * Refuses, on field {@code answer}: a missing fold, the wrong number of moves, a letter other than U, D,
     * L, R, and a fold that overlaps itself (naming the two residues). A fold that breaks the chain cannot be
     * written in this encoding, since every move steps to a lattice neighbour.
     */
    @Override
    public List<Problem> validateAnswer(Item item, String answer) {
        String sequence = item.fields().get(SEQUENCE);
        Optional<String> sequenceProblem = HpSequence.problem(sequence);
        if (sequenceProblem.isPresent()) {
            return List.of(new Problem(SEQUENCE, sequenceProblem.get()));
        }
        try {
            new LatticeFold(answer, sequence.length());
            return List.of();
        } catch (IllegalArgumentException refused) {
            return List.of(new Problem("answer", refused.getMessage()));
        }
    }

    @Override
    public RoundShape roundShape() {
        return new RoundShape(1, false, 300);
    }

    /** The number of H-H contacts of the fold, or empty when the item or the fold is not valid. */
    @Override
    public OptionalDouble objective(Item item, String answer) {
        OptionalInt contacts = contacts(item, answer);
        return contacts.isPresent() ? OptionalDouble.of(contacts.getAsInt()) : OptionalDouble.empty();
    }

    @Override
    public int points(Item item, String answer, Optional<String> gold) {
        OptionalInt contacts = contacts(item, answer);
        if (contacts.isEmpty()) {
            return 0;
        }
        OptionalInt bestKnown = bestKnown(item);
        boolean reachesRecord = bestKnown.isPresent() && bestKnown.getAsInt() > 0 && contacts.getAsInt() >= bestKnown.getAsInt();
        return POINTS_PER_CONTACT * contacts.getAsInt() + (reachesRecord ? RECORD_BONUS : 0);
    }

    @Override
    public String browserModule() {
        return "web/fold.js";
    }

    @Override
    public Optional<DemoProject> demoProject() {
        return Optional.of(DemoChains.benchmarks());
    }

    /** The item's best known contact count, when it has a valid one. */
    static OptionalInt bestKnown(Item item) {
        String value = item.fields().get(BEST_KNOWN);
        return value == null || value.isBlank() ? OptionalInt.empty() : parseCount(value);
    }

    private static OptionalInt contacts(Item item, String answer) {
        String sequence = item.fields().get(SEQUENCE);
        if (HpSequence.problem(sequence).isPresent()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(new LatticeFold(answer, sequence.length()).contacts(sequence));
        } catch (IllegalArgumentException refused) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt parseCount(String value) {
        try {
            int count = Integer.parseInt(value.strip());
            return count >= 0 ? OptionalInt.of(count) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
