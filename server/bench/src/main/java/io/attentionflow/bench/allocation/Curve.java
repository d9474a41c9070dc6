package io.attentionflow.bench.allocation;

import io.attentionflow.engine.simulation.ReplaySimulator;
import java.util.List;

/**
 * Accuracy against answers spent, averaged over seeds point by point. Runs of one policy on one
 * dataset report at the same answer counts except where a run ends early; a point is averaged over
 * the runs that reached it.
 */
record Curve(String label, long[] spent, double[] accuracy) {

    static Curve mean(String label, List<ReplaySimulator.Result> runs) {
        int longest = 0;
        for (ReplaySimulator.Result r : runs) {
            longest = Math.max(longest, r.points().size());
        }
        long[] spent = new long[longest];
        double[] sum = new double[longest];
        int[] count = new int[longest];
        for (ReplaySimulator.Result r : runs) {
            List<ReplaySimulator.Point> points = r.points();
            for (int k = 0; k < points.size(); k++) {
                spent[k] = Math.max(spent[k], points.get(k).answersSpent());
                sum[k] += points.get(k).accuracy();
                count[k]++;
            }
        }
        for (int k = 0; k < longest; k++) {
            sum[k] /= count[k];
        }
        return new Curve(label, spent, sum);
    }

    /** First answer count at which a single run reaches {@code target}, or -1 if it never does. */
    static long firstReaching(ReplaySimulator.Result run, double target) {
        for (ReplaySimulator.Point p : run.points()) {
            if (p.accuracy() >= target - 1e-12) {
                return p.answersSpent();
            }
        }
        return -1;
    }
}
