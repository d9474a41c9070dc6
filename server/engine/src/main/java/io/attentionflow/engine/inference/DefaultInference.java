package io.attentionflow.engine.inference;

import io.attentionflow.engine.answers.CategoricalAnswers;

/**
 * The recommended method when a researcher has no reason to pick another: the equal-weight average of
 * the posteriors of {@link DawidSkene} (full confusion matrices: captures a worker's bias toward some
 * labels) and {@link Mace} (competence plus spamming strategy: few parameters per worker, robust for
 * workers with few answers and for spammers). Worker accuracies and confusion matrices are averaged
 * the same way, so the result can feed {@link IncrementalPosterior} like any other. Gold answers are
 * passed to both models (clamped items, anchored workers).
 *
 * <p>Why: the two models fail in different places (Dawid-Skene over-fits workers with few answers on
 * sparse multi-class data; MACE cannot express class-specific confusions), and averaging two
 * posteriors is a simple model average that keeps the better of the two where they disagree strongly.
 * It was chosen by leave-one-dataset-out selection over the ten categorical datasets in
 * {@code shared/datasets} among a small set of candidates (Dawid-Skene with several smoothing and
 * diagonal priors, MACE, and posterior averages of two or more methods): for nine of the ten held-out
 * datasets the candidate with the best mean accuracy on the other nine was this one, and it had the
 * best mean accuracy over all ten. No parameter was fitted to any single dataset; the component
 * methods keep their own documented defaults. Figures: docs/benchmarks/aggregation.md.
 *
 * <p>Running time: that of Dawid-Skene plus that of MACE; memory the larger of the two plus one
 * posterior array.
 */
public final class DefaultInference implements TruthInference {

    private final TruthInference confusionModel = new DawidSkene();
    private final TruthInference spammerModel = new Mace();

    @Override
    public String name() {
        return "default";
    }

    @Override
    public InferenceResult infer(CategoricalAnswers answers, int[] gold) {
        InferenceResult a = confusionModel.infer(answers, gold);
        InferenceResult b = spammerModel.infer(answers, gold);
        int items = answers.itemCount();
        int k = answers.labelCount();
        int workers = answers.workerCount();
        double[] posterior = new double[items * k];
        for (int i = 0; i < items; i++) {
            for (int t = 0; t < k; t++) {
                posterior[i * k + t] = 0.5 * (a.posterior(i, t) + b.posterior(i, t));
            }
        }
        double[] accuracy = new double[workers];
        double[] confusion = new double[workers * k * k];
        for (int w = 0; w < workers; w++) {
            accuracy[w] = 0.5 * (a.workerAccuracy(w) + b.workerAccuracy(w));
            for (int t = 0; t < k; t++) {
                for (int g = 0; g < k; g++) {
                    confusion[(w * k + t) * k + g] = 0.5 * (a.confusion(w, t, g) + b.confusion(w, t, g));
                }
            }
        }
        return new InferenceResult(items, k, posterior, accuracy, confusion);
    }
}
