package io.attentionflow.bench.aggregation;

import java.util.List;
import java.util.Map;

/**
 * Crowd-Kit 1.4.1 reference figures, copied from shared/datasets/SOURCES.md ("Reference accuracy"):
 * accuracy on the gold tasks and fit time in seconds on this kind of 2-core machine.
 */
final class Reference {

    private Reference() {
    }

    static final List<String> DATASETS = List.of("rte", "temp", "wsd", "bluebirds", "dog", "web", "d_product", "d_possent", "s_rel", "s_adult");

    /** Our method name -> the Crowd-Kit class compared with it. */
    static final Map<String, String> TOOLKIT_NAME = Map.of(
            "mv", "MajorityVote", "wmv", "Wawa", "ocds", "OneCoinDawidSkene", "ds", "DawidSkene", "glad", "GLAD", "mace", "MACE");

    /** Column order of {@link #ACCURACY} and {@link #SECONDS}. */
    static final List<String> METHODS = List.of("mv", "wmv", "ds", "ocds", "glad", "mace");

    static final double[][] ACCURACY = {
            {0.919, 0.921, 0.927, 0.925, 0.925, 0.925},
            {0.939, 0.944, 0.942, 0.939, 0.935, 0.939},
            {0.994, 0.994, 0.994, 0.994, 0.994, 0.994},
            {0.759, 0.759, 0.889, 0.583, 0.722, 0.750},
            {0.818, 0.829, 0.843, 0.830, 0.834, 0.830},
            {0.776, 0.817, 0.829, 0.749, 0.822, 0.830},
            {0.897, 0.897, 0.940, 0.908, 0.928, 0.929},
            {0.932, 0.951, 0.960, 0.949, 0.948, 0.956},
            {0.536, 0.558, 0.617, 0.258, 0.565, 0.494},
            {0.763, 0.766, 0.766, 0.709, 0.760, 0.760},
    };

    static final double[][] SECONDS = {
            {0.08, 0.03, 0.13, 0.26, 7.33, 5.53},
            {0.01, 0.02, 0.08, 0.20, 2.84, 4.47},
            {0.01, 0.02, 0.10, 0.04, 0.64, 4.09},
            {0.01, 0.02, 0.03, 0.28, 2.15, 4.05},
            {0.07, 0.03, 0.18, 0.42, 4.78, 8.04},
            {0.02, 0.04, 0.66, 0.23, 26.38, 14.61},
            {0.04, 0.07, 3.36, 0.83, 35.30, 14.84},
            {0.02, 0.06, 0.13, 0.16, 10.43, 8.48},
            {0.10, 0.21, 2.04, 24.21, 33.97, 55.30},
            {0.07, 0.16, 0.20, 6.66, 71.70, 40.07},
    };

    static double accuracy(String dataset, String method) {
        return ACCURACY[DATASETS.indexOf(dataset)][METHODS.indexOf(method)];
    }

    static double seconds(String dataset, String method) {
        return SECONDS[DATASETS.indexOf(dataset)][METHODS.indexOf(method)];
    }

    /** Best reference accuracy on a dataset, over all reference methods. */
    static double best(String dataset) {
        double best = 0;
        for (double a : ACCURACY[DATASETS.indexOf(dataset)]) {
            best = Math.max(best, a);
        }
        return best;
    }

    /** Numeric n_emotion: [MAE, RMSE] of the mean and of the median of answers (Crowd-Kit), LFC_N (Zheng et al.). */
    static final Map<String, double[]> NUMERIC = Map.of(
            "mean", new double[]{12.02, 17.84}, "median", new double[]{13.53, 21.26}, "LFC_N (Zheng et al.)", new double[]{12.20, 18.97});
}
