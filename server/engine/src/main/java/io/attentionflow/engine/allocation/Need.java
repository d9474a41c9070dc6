package io.attentionflow.engine.allocation;

/**
 * The need of an item for a player: the expected reduction of the entropy of the item's true label
 * from one more answer of that player, that is the mutual information {@code I(T; G)} between the
 * true label {@code T} and the player's answer {@code G}, in nats.
 *
 * <h2>Why entropy and not misclassification risk</h2>
 * The one-step reduction of misclassification risk ({@code 1 - max posterior}) is zero whenever a
 * single answer cannot flip the current decision (a binary item at 3:0 votes, or 2:0 with an unsure
 * player), so a myopic risk policy stalls on items that need two more answers and cannot rank them.
 * The expected entropy reduction is strictly positive while the item is uncertain and the player is
 * informative, grows with both the item's uncertainty and the player's reliability, is exactly zero
 * for a certain item or an uninformative player (a spammer whose confusion rows are all equal), and
 * needs nothing but the posterior and the player's confusion matrix. That makes it a smooth index
 * key (for the global need index) and a player-specific score (for matching hard items to reliable
 * players) at once. Projects that report the most-voted label rather than the most probable one use
 * {@link MajorityNeed}, which aims at that label, looks two answers ahead, and keeps this entropy
 * reduction to order the items its risk term cannot move.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>{@code posterior}: the item's current posterior over {@code labels} labels (sums to 1).</li>
 *   <li>The player's reliability: a confusion matrix, flat {@code labels x labels}, row = true label,
 *       column = given label, rows summing to 1; or an accuracy {@code a} (one-coin model: the right
 *       label with probability {@code a}, each wrong one with {@code (1 - a) / (labels - 1)}).</li>
 *   <li>An AI helper's suggestion enters through the posterior: pass the item's belief from
 *       {@link AiPrior#combine}.</li>
 *   <li>{@code inFlight}: answers already claimed but not yet given. They count as expected answers
 *       of a player with the same reliability: the need is the conditional mutual information
 *       {@code I(T; G_{k+1} | G_1..G_k)}, averaged over the pending answers' outcomes. It never rises
 *       with {@code k} (conditioning cannot increase the entropy of exchangeable answers), so a burst
 *       of players spreads over items. Computed exactly by enumerating the pending answers' label
 *       counts (multinomial) while that stays under {@value #ENUMERATION_LIMIT} count vectors; beyond
 *       that the largest exact {@code k} is used and divided by the remaining factor
 *       {@code (k + 1) / (kExact + 1)}, which keeps the need non-increasing.</li>
 * </ul>
 * Cost: {@code O(labels^2)} with nothing in flight; {@code O(C(k + labels - 1, labels - 1) x labels^2)}
 * with {@code k} in flight. No boxing; the only allocations are a few arrays of {@code labels} doubles.
 */
public final class Need {

    /** Largest number of pending-answer count vectors enumerated exactly. */
    public static final int ENUMERATION_LIMIT = 256;

    private Need() {
    }

    /** The one-coin confusion matrix (flat {@code labels x labels}) of a player with accuracy {@code accuracy}. */
    public static double[] oneCoin(int labels, double accuracy) {
        double[] c = new double[labels * labels];
        fillOneCoin(c, labels, accuracy);
        return c;
    }

    /** Writes the one-coin confusion matrix of {@code accuracy} into {@code out}. */
    public static void fillOneCoin(double[] out, int labels, double accuracy) {
        double wrong = labels == 1 ? 0 : (1 - accuracy) / (labels - 1);
        for (int t = 0; t < labels; t++) {
            for (int g = 0; g < labels; g++) {
                out[t * labels + g] = t == g ? accuracy : wrong;
            }
        }
    }

    /** Need of an item for a player with accuracy {@code accuracy} (one-coin), nothing in flight. */
    public static double ofAccuracy(double[] posterior, int labels, double accuracy) {
        return of(posterior, 0, labels, oneCoin(labels, accuracy), 0);
    }

    /** Need of an item for a player with confusion matrix {@code confusion}, nothing in flight. */
    public static double of(double[] posterior, int labels, double[] confusion) {
        return of(posterior, 0, labels, confusion, 0);
    }

    /**
     * Need of an item for a player.
     *
     * @param posterior flat array holding the item's posterior at {@code offset..offset+labels-1}
     * @param confusion the player's confusion matrix, flat {@code labels x labels}
     * @param inFlight  answers claimed for the item and not yet given ({@code >= 0})
     * @return expected entropy reduction in nats, {@code >= 0}
     */
    public static double of(double[] posterior, int offset, int labels, double[] confusion, int inFlight) {
        if (inFlight < 0) {
            throw new IllegalArgumentException("inFlight must be >= 0, got " + inFlight);
        }
        double[] p = new double[labels];
        double sum = 0;
        for (int t = 0; t < labels; t++) {
            p[t] = posterior[offset + t];
            sum += p[t];
        }
        if (!(sum > 0)) {
            return 0;
        }
        for (int t = 0; t < labels; t++) {
            p[t] /= sum;
        }
        if (inFlight == 0) {
            return informationGain(p, labels, confusion, new double[labels]);
        }
        int exact = inFlight;
        while (exact > 0 && countVectors(exact, labels) > ENUMERATION_LIMIT) {
            exact--;
        }
        double gain = exact == 0 ? informationGain(p, labels, confusion, new double[labels])
                : pendingGain(p, labels, confusion, exact);
        return exact == inFlight ? gain : gain * (exact + 1) / (inFlight + 1);
    }

    /**
     * Mutual information between the true label and one answer: {@code H(p) - E_g H(p | g)},
     * computed as {@code sum_t sum_g p_t C[t][g] log(C[t][g] / q_g)} with {@code q_g} the predictive
     * probability of answer {@code g}. {@code q} is scratch of length {@code labels}.
     */
    static double informationGain(double[] p, int labels, double[] confusion, double[] q) {
        for (int g = 0; g < labels; g++) {
            double s = 0;
            for (int t = 0; t < labels; t++) {
                s += p[t] * confusion[t * labels + g];
            }
            q[g] = s;
        }
        double mi = 0;
        for (int t = 0; t < labels; t++) {
            if (p[t] <= 0) {
                continue;
            }
            double inner = 0;
            for (int g = 0; g < labels; g++) {
                double c = confusion[t * labels + g];
                if (c > 0 && q[g] > 0) {
                    inner += c * Math.log(c / q[g]);
                }
            }
            mi += p[t] * inner;
        }
        return mi > 0 ? mi : 0;
    }

    /** Number of label-count vectors of {@code k} answers over {@code labels} labels: C(k + labels - 1, labels - 1). */
    static long countVectors(int k, int labels) {
        long r = 1;
        for (int i = 1; i < labels; i++) {
            r = r * (k + i) / i;
            if (r > Integer.MAX_VALUE) {
                return r;
            }
        }
        return r;
    }

    /**
     * {@code E over the k pending answers' counts c of [ P(c) * I(T; G | c) ]}: for every count vector,
     * the posterior after those answers and the information the next answer would add to it.
     */
    private static double pendingGain(double[] p, int labels, double[] confusion, int k) {
        double[] logC = new double[labels * labels];
        for (int i = 0; i < logC.length; i++) {
            logC[i] = confusion[i] > 0 ? Math.log(confusion[i]) : Double.NEGATIVE_INFINITY;
        }
        double[] logFact = new double[k + 1];
        for (int i = 2; i <= k; i++) {
            logFact[i] = logFact[i - 1] + Math.log(i);
        }
        int[] counts = new int[labels];
        counts[labels - 1] = k;
        double[] joint = new double[labels];
        double[] q = new double[labels];
        double total = 0;
        while (true) {
            // P(c, T = t) = p_t * multinomial(c) * prod_g C[t][g]^c_g
            double logMult = logFact[k];
            for (int g = 0; g < labels; g++) {
                logMult -= logFact[counts[g]];
            }
            double mass = 0;
            for (int t = 0; t < labels; t++) {
                double lp = p[t] > 0 ? Math.log(p[t]) + logMult : Double.NEGATIVE_INFINITY;
                for (int g = 0; g < labels && lp != Double.NEGATIVE_INFINITY; g++) {
                    if (counts[g] > 0) {
                        lp += counts[g] * logC[t * labels + g];
                    }
                }
                joint[t] = lp == Double.NEGATIVE_INFINITY ? 0 : Math.exp(lp);
                mass += joint[t];
            }
            if (mass > 0) {
                for (int t = 0; t < labels; t++) {
                    joint[t] /= mass;
                }
                total += mass * informationGain(joint, labels, confusion, q);
            }
            if (!nextComposition(counts, k)) {
                break;
            }
        }
        return total;
    }

    /** Steps {@code counts} (summing to k) to the next composition, odometer style; false after the last. */
    private static boolean nextComposition(int[] counts, int k) {
        int n = counts.length;
        int sum = k - counts[n - 1];
        for (int j = n - 2; j >= 0; j--) {
            if (sum < k) {
                counts[j]++;
                counts[n - 1] = k - sum - 1;
                return true;
            }
            sum -= counts[j];
            counts[j] = 0;
        }
        return false;
    }

    /** Entropy of the posterior at {@code offset}, in nats. */
    public static double entropy(double[] posterior, int offset, int labels) {
        double h = 0;
        for (int t = 0; t < labels; t++) {
            double v = posterior[offset + t];
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
