package io.attentionflow.bench.allocation;

import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.simulation.ReplaySimulator;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A yardstick for the majority-vote replay that no real policy can use: a policy told, for every item, the label
 * majority vote gives with all of its answers, which stops each item as soon as the answers it has drawn (in the
 * replay's own order for the seed) give that label. It reaches the full-data accuracy exactly, with every item's
 * full-data label, so the share it spends says how much of the answers a dataset could spare at best for a policy
 * that reproduces those labels; a real policy might spare more by luck (an item stopped early, right by chance) and
 * never knows which items to stop. Where this share is high, few answers are spare on that dataset at all.
 */
final class FullDataLabelOracle {

    private FullDataLabelOracle() {
    }

    /**
     * Answers the oracle spends with the replay order of {@code seed}.
     *
     * @param fullData the majority vote over all of {@code data}'s answers, whose labels the oracle aims at
     */
    static long answersSpent(CategoricalAnswers data, InferenceResult fullData, long seed) {
        int[] order = ReplaySimulator.answerOrder(data, new SplittableRandom(seed));
        int labels = data.labelCount();
        int[] votes = new int[labels];
        long spent = 0;
        for (int i = 0; i < data.itemCount(); i++) {
            Arrays.fill(votes, 0);
            int start = data.itemStart(i);
            int end = data.itemEnd(i);
            if (start == end) {
                continue; // nothing to draw, and no policy can change what the scorer reports for it
            }
            int drawn = 0;
            int leader = -1;
            while (start + drawn < end) {
                votes[data.label(data.answerOfItem(order[start + drawn]))]++;
                drawn++;
                leader = mostVoted(votes);
                if (leader == fullData.label(i)) {
                    break;
                }
            }
            if (start + drawn == end && leader != fullData.label(i)) {
                throw new IllegalStateException("item " + i + ": all its answers give label " + leader + ", the scorer "
                        + fullData.label(i) + " (is the scorer majority vote, with ties to the lowest label?)");
            }
            spent += drawn;
        }
        return spent;
    }

    /** The label with most votes, the lowest of those tied, as majority vote reports it. */
    private static int mostVoted(int[] votes) {
        int best = 0;
        for (int l = 1; l < votes.length; l++) {
            if (votes[l] > votes[best]) {
                best = l;
            }
        }
        return best;
    }
}
