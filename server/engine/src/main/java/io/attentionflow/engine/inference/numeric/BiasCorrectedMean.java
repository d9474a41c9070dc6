package io.attentionflow.engine.inference.numeric;

/**
 * Worker-bias-corrected mean: each worker {@code w} answers {@code truth + b_w + noise}, noise with
 * standard deviation {@code s_w}. Alternating estimation from item medians: biases as shrunken mean
 * residuals {@code b_w = sum(x - v) / (n_w + shrinkage)}, noise variances as smoothed mean squared
 * residuals (toward the pooled variance, {@code priorWeight} pseudo-answers), and item values as the
 * precision-weighted mean of bias-corrected answers {@code v_i = sum((x - b_w) / s_w^2) / sum(1 / s_w^2)},
 * until values move less than 1e-9 or after {@code maxIterations}. Standard error of an item:
 * {@code 1 / sqrt(sum 1 / s_w^2)}. Gold items keep their value and so anchor biases and variances.
 * Shrinkage keeps a worker with one or two answers from having their answer explained away as bias;
 * without gold, a bias shared by all workers cannot be told from the truth and stays in the values.
 *
 * <p>Running time O(answers) per iteration; memory O(answers + items + workers). Assumes additive,
 * item-independent bias and Gaussian noise. A simplified form of the worker models for continuous
 * answers in Raykar et al., "Learning from crowds", JMLR 2010, and of LFC-N in Zheng et al., "Truth
 * inference in crowdsourcing: is the problem solved?", VLDB 2017.
 */
public final class BiasCorrectedMean implements NumericInference {

    private final int maxIterations;
    private final double shrinkage;
    private final double priorWeight;

    public BiasCorrectedMean() {
        this(50, 2.0, 2.0);
    }

    /**
     * @param shrinkage   pseudo-answers with zero residual added to every worker's bias estimate, at least 0
     * @param priorWeight pseudo-answers with the pooled variance added to every worker's variance, above 0
     */
    public BiasCorrectedMean(int maxIterations, double shrinkage, double priorWeight) {
        if (maxIterations < 1 || !(shrinkage >= 0) || !(priorWeight > 0)) {
            throw new IllegalArgumentException("need maxIterations >= 1, shrinkage >= 0, priorWeight > 0");
        }
        this.maxIterations = maxIterations;
        this.shrinkage = shrinkage;
        this.priorWeight = priorWeight;
    }

    @Override
    public String name() {
        return "bias";
    }

    @Override
    public NumericResult infer(NumericAnswers answers, double[] gold) {
        int items = answers.itemCount();
        int workers = answers.workerCount();
        double[] g = NumericInference.checkedGold(gold, items);
        double[] value = RobustMean.median().infer(answers, g).values();
        double[] bias = new double[workers];
        double[] variance = new double[workers];
        double[] se = new double[items];
        int[] n = new int[workers];
        for (int a = 0; a < answers.answerCount(); a++) {
            n[answers.worker(a)]++;
        }
        for (int it = 0; it < maxIterations; it++) {
            estimateWorkers(answers, value, bias, variance, n);
            double moved = estimateItems(answers, g, value, bias, variance, se);
            if (moved < 1e-9) {
                break;
            }
        }
        double[] sd = new double[workers];
        for (int w = 0; w < workers; w++) {
            sd[w] = Math.sqrt(variance[w]);
        }
        return new NumericResult(value, se, bias, sd);
    }

    private void estimateWorkers(NumericAnswers answers, double[] value, double[] bias, double[] variance, int[] n) {
        int workers = bias.length;
        double[] residual = new double[workers];
        double[] squared = new double[workers];
        double pooled = 0;
        int counted = 0;
        for (int a = 0; a < answers.answerCount(); a++) {
            double v = value[answers.item(a)];
            if (!Double.isNaN(v)) {
                residual[answers.worker(a)] += answers.value(a) - v;
            }
        }
        for (int w = 0; w < workers; w++) {
            bias[w] = residual[w] / (n[w] + shrinkage);
        }
        for (int a = 0; a < answers.answerCount(); a++) {
            double v = value[answers.item(a)];
            if (!Double.isNaN(v)) {
                double r = answers.value(a) - bias[answers.worker(a)] - v;
                squared[answers.worker(a)] += r * r;
                pooled += r * r;
                counted++;
            }
        }
        pooled = counted == 0 ? 1 : Math.max(pooled / counted, 1e-12);
        for (int w = 0; w < workers; w++) {
            variance[w] = Math.max((squared[w] + priorWeight * pooled) / (n[w] + priorWeight), 1e-12);
        }
    }

    /** Precision-weighted means of bias-corrected answers; returns the largest change of a value. */
    private static double estimateItems(NumericAnswers answers, double[] gold, double[] value, double[] bias,
                                        double[] variance, double[] se) {
        double moved = 0;
        for (int i = 0; i < value.length; i++) {
            double weighted = 0;
            double precision = 0;
            for (int p = answers.itemStart(i); p < answers.itemEnd(i); p++) {
                int a = answers.answerOfItem(p);
                int w = answers.worker(a);
                weighted += (answers.value(a) - bias[w]) / variance[w];
                precision += 1 / variance[w];
            }
            double next;
            if (!Double.isNaN(gold[i])) {
                next = gold[i];
                se[i] = 0;
            } else if (precision == 0) {
                next = Double.NaN;
                se[i] = Double.NaN;
            } else {
                next = weighted / precision;
                se[i] = 1 / Math.sqrt(precision);
            }
            if (!Double.isNaN(next)) {
                moved = Math.max(moved, Math.abs(next - value[i]));
            }
            value[i] = next;
        }
        return moved;
    }
}
