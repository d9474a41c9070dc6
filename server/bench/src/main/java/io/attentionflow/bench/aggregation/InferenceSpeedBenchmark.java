package io.attentionflow.bench.aggregation;

import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.inference.DawidSkene;
import io.attentionflow.engine.inference.Glad;
import io.attentionflow.engine.inference.IncrementalPosterior;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.MajorityVote;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The speed targets of issue 3 on the synthetic workload of {@link SyntheticCrowd}: 1,000,000 answers,
 * 100,000 items, 2,000 workers, 5 labels. Single-threaded code; run under {@code taskset -c 0} for
 * "one core". The heap is capped at 500 MB ({@code -Xmx500m}) so that a run that needs more fails.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms500m", "-Xmx500m"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class InferenceSpeedBenchmark {

    static final int ITEMS = 100_000;
    static final int WORKERS = 2_000;
    static final int LABELS = 5;
    static final int PER_ITEM = 10;
    static final int ANSWERS = ITEMS * PER_ITEM;

    CategoricalAnswers answers;
    InferenceResult estimates;

    @Setup
    public void setUp() {
        answers = SyntheticCrowd.generate(2026, ITEMS, WORKERS, LABELS, PER_ITEM);
        estimates = new DawidSkene(5, 0, 0.01).infer(answers, null);
    }

    /** Dawid-Skene, exactly 20 EM iterations (tolerance 0). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public InferenceResult dawidSkene20Iterations() {
        return new DawidSkene(20, 0, DawidSkene.SMOOTHING).infer(answers, null);
    }

    /** GLAD, exactly 20 EM iterations (tolerance 0), default M-step. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public InferenceResult glad20Iterations() {
        return new Glad(20, 0, 2, false).infer(answers, null);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public InferenceResult majorityVote() {
        return new MajorityVote().infer(answers, null);
    }

    /**
     * Incremental updates: a fresh {@link IncrementalPosterior} with full worker estimates receives all
     * 1,000,000 answers one by one (storage growth included); the score is per answer.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(ANSWERS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double incrementalUpdatePerAnswer() {
        IncrementalPosterior inc = new IncrementalPosterior(LABELS);
        inc.replaceWorkerEstimates(estimates);
        CategoricalAnswers a = answers;
        for (int j = 0; j < ANSWERS; j++) {
            inc.add(a.item(j), a.worker(j), a.label(j));
        }
        return inc.confidence(0);
    }
}
