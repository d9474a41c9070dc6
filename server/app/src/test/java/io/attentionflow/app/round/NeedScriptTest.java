package io.attentionflow.app.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.attentionflow.engine.allocation.MajorityNeed;
import io.attentionflow.engine.allocation.Need;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The claim script scores players' needs in Lua, inside Redis; it must agree with the engine's {@link Need} and,
 * for projects that report the most-voted label, its {@link MajorityNeed}.
 */
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

    @Test
    void theClaimScriptsMajorityNeedIsTheEngines() {
        SplittableRandom random = new SplittableRandom(8);
        String script = AllocationIndex.GAIN + "local p, v, C, L = numbers(ARGV[1]), numbers(ARGV[2]), numbers(ARGV[3]), tonumber(ARGV[4]) "
                + "return tostring(riskFall(p, v, C, L, tonumber(ARGV[6])) + tonumber(ARGV[5]) * gain(p, C, L))";
        for (int c = 0; c < 200; c++) {
            int labels = 2 + random.nextInt(11); // up to 12: the most a claim scores for a player
            double[] belief = distribution(random, labels);
            int[] votes = new int[labels];
            for (int t = 0; t < labels; t++) {
                votes[t] = c % 7 == 0 ? 0 : random.nextInt(4); // every seventh unanswered: all tied at 0
            }
            double[] confusion = new double[labels * labels];
            for (int t = 0; t < labels; t++) {
                System.arraycopy(distribution(random, labels), 0, confusion, t * labels, labels);
            }
            int room = c % 3; // none, room for one answer, or for the two of a pair
            double expected = MajorityNeed.of(belief, 0, labels, votes, 0, confusion, 0, room);
            StringJoiner joinedVotes = new StringJoiner(",");
            for (int v : votes) {
                joinedVotes.add(Integer.toString(v));
            }
            double actual = Double.parseDouble(redis.execute("EVAL", script, "0", joined(belief), joinedVotes.toString(), joined(confusion),
                    Integer.toString(labels), Double.toString(MajorityNeed.TIE_BREAK), Integer.toString(room)).await().indefinitely().toString());
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
