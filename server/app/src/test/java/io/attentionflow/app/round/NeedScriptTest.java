package io.attentionflow.app.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.attentionflow.engine.allocation.Need;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The claim script scores players' needs in Lua, inside Redis; it must agree with the engine's {@link Need}. */
@QuarkusTest
class NeedScriptTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void theClaimScriptsNeedIsTheEnginesNeed() {
        SplittableRandom random = new SplittableRandom(7);
        String script = AllocationIndex.GAIN + "return tostring(gain(numbers(ARGV[1]), numbers(ARGV[2]), tonumber(ARGV[3])))";
        for (int c = 0; c < 200; c++) {
            int labels = 2 + random.nextInt(4);
            double[] posterior = distribution(random, labels);
            if (c % 5 == 0) {
                posterior = new double[labels];
                posterior[random.nextInt(labels)] = 1; // a settled item: no need at all
            }
            double[] confusion = new double[labels * labels];
            for (int t = 0; t < labels; t++) {
                System.arraycopy(distribution(random, labels), 0, confusion, t * labels, labels);
            }
            double expected = Need.of(posterior, labels, confusion);
            double actual = Double.parseDouble(redis.execute("EVAL", script, "0", joined(posterior), joined(confusion),
                    Integer.toString(labels)).await().indefinitely().toString());
            assertEquals(expected, actual, 1e-9 * Math.max(1, expected), "case " + c);
        }
    }

    private static double[] distribution(SplittableRandom random, int size) {
        double[] p = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            p[i] = -Math.log(1 - random.nextDouble());
            sum += p[i];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static String joined(double[] values) {
        StringJoiner s = new StringJoiner(",");
        for (double v : values) {
            s.add(Double.toString(v));
        }
        return s.toString();
    }
}
