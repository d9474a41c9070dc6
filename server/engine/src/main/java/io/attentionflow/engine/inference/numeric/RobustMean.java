package io.attentionflow.engine.inference.numeric;

import java.util.Arrays;

/**
 * Per-item location estimates that ignore who answered: the mean ({@code mean}), the median
 * ({@code median}: the middle value, the average of the two middle ones for an even count) and the
 * trimmed mean ({@code trimmed}: the mean after dropping {@code floor(trim x n)} answers at each end,
 * default trim 0.1). Standard error: sample standard deviation over sqrt(n) for the means, and
 * 1.2533 times that for the median (its asymptotic efficiency under normal noise); NaN below two answers.
 * Gold items are clamped. O(answers log answers) for the median and the trimmed mean (one sort per
 * item), O(answers) for the mean. No assumption about workers; the median and the trimmed mean
 * resist a minority of wild answers.
 */
public final class RobustMean implements NumericInference {

    private final String name;
    private final double trim;

    private RobustMean(String name, double trim) {
        if (!(trim >= 0 && trim < 0.5)) {
            throw new IllegalArgumentException("trim must be in [0, 0.5), got " + trim);
        }
        this.name = name;
        this.trim = trim;
    }

    public static RobustMean mean() {
        return new RobustMean("mean", 0);
    }

    public static RobustMean median() {
        return new RobustMean("median", 0);
    }

    /** @param trim share of answers dropped at each end, in [0, 0.5) */
    public static RobustMean trimmed(double trim) {
        return new RobustMean("trimmed", trim);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NumericResult infer(NumericAnswers answers, double[] gold) {
        int items = answers.itemCount();
        double[] g = NumericInference.checkedGold(gold, items);
        double[] value = new double[items];
        double[] se = new double[items];
        for (int i = 0; i < items; i++) {
            double[] v = answers.sortedValuesOf(i);
            int n = v.length;
            se[i] = n < 2 ? Double.NaN : sd(v) / Math.sqrt(n);
            if (!Double.isNaN(g[i])) {
                value[i] = g[i];
                se[i] = 0;
            } else if (n == 0) {
                value[i] = Double.NaN;
            } else if (name.equals("median")) {
                value[i] = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
                se[i] *= 1.2533;
            } else {
                int drop = (int) Math.floor(trim * n);
                double sum = 0;
                for (int j = drop; j < n - drop; j++) {
                    sum += v[j];
                }
                value[i] = sum / (n - 2 * drop);
            }
        }
        double[] bias = new double[answers.workerCount()];
        double[] sd = new double[answers.workerCount()];
        Arrays.fill(sd, Double.NaN);
        return new NumericResult(value, se, bias, sd);
    }

    private static double sd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
