package io.attentionflow.bench.allocation;

import io.attentionflow.engine.allocation.AllocationState;
import io.attentionflow.engine.allocation.Need;
import io.attentionflow.engine.allocation.NeedPolicy;
import io.attentionflow.engine.allocation.Retirement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of choosing the next item for a player with the in-memory {@link NeedPolicy} over
 * {@code items} open items (4 labels, random posteriors, players with their own confusion matrices):
 * {@code next} = take the best unseen candidates from the need index and score them for the player;
 * {@code nextAndClaim} adds the claim (answer in flight, O(log n) index update); {@code cycle} adds
 * the answer (posterior update, retirement check, index update). Sampled per operation, so JMH
 * reports percentiles (p99). Items have unlimited capacity and never retire, so the open set stays
 * at {@code items}. {@code majority}: the need of a project that reports the most-voted label
 * ({@code MajorityNeed}) instead of the entropy reduction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NextItemBenchmark {

    private static final int LABELS = 4;
    private static final int PLAYERS = 10_000;

    @Param({"10000", "1000000"})
    public int items;

    @Param({"false", "true"})
    public boolean majority;

    private AllocationState state;
    private NeedPolicy policy;
    private double[][] confusion;
    private int[] answered;
    private SplittableRandom random;
    private int player;

    @Setup(Level.Trial)
    public void setUp() {
        random = new SplittableRandom(1);
        state = new AllocationState(items, LABELS, Retirement.atConfidence(2, 0), 0.75, majority);
        policy = new NeedPolicy(state, 1);
        double[] p = new double[LABELS];
        for (int i = 0; i < items; i++) {
            double sum = 0;
            for (int l = 0; l < LABELS; l++) {
                p[l] = -Math.log(1 - random.nextDouble());
                sum += p[l];
            }
            for (int l = 0; l < LABELS; l++) {
                p[l] /= sum;
            }
            state.setPosterior(i, p, 0);
        }
        confusion = new double[64][];
        for (int c = 0; c < confusion.length; c++) {
            confusion[c] = Need.oneCoin(LABELS, 0.4 + 0.55 * random.nextDouble());
        }
        answered = new int[PLAYERS];
    }

    private int nextPlayer() {
        player = random.nextInt(PLAYERS);
        return player;
    }

    @Benchmark
    public int next() {
        int p = nextPlayer();
        return policy.next(p, confusion[p & 63]);
    }

    @Benchmark
    public int nextAndClaim() {
        int p = nextPlayer();
        int item = policy.next(p, confusion[p & 63]);
        state.claim(p, item);
        state.release(item);
        return item;
    }

    @Benchmark
    public int cycle() {
        int p = nextPlayer();
        double[] c = confusion[p & 63];
        int item = policy.next(p, c);
        state.claim(p, item);
        state.answer(item, random.nextInt(LABELS), c);
        answered[p]++;
        return item;
    }
}
