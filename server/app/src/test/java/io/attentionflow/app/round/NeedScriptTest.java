package io.attentionflow.app.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.attentionflow.engine.allocation.MajorityNeed;
import io.attentionflow.engine.allocation.Need;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Stream;
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

    /**
     * Two items alike but for their answers: 3:2 and 2:1, the same lead and the same belief. Under a cap of 10 both
     * have room for a pair and are worth the same, so the ranking's order decides; under a cap of 6 the 3:2 item has
     * room for one answer, which cannot settle a lead of one, and the player is sent to the 2:1 item.
     */
    @Test
    void theClaimScriptCountsAPairOnlyWhereTheCapLeavesRoomForTwoAnswers() {
        assertEquals(List.of("1"), claimOneOfTwo(10), "equal needs: the first in the ranking");
        assertEquals(List.of("2"), claimOneOfTwo(6), "the item with room for a pair");
    }

    private List<String> claimOneOfTwo(int cap) {
        String prefix = "test:{room-" + UUID.randomUUID() + "}:";
        List<String> keys = Stream.of("open", "state", "seen:42", "leases", "lease-items", "built", "gold", "spent", "reliability")
                .map(name -> prefix + name).toList();
        redis.execute("HSET", keys.get(1), "1", "5;5;0.1;1;0.6,0.4;3,2;10", "2", "3;3;0.1;2;0.6,0.4;2,1;6").await().indefinitely();
        redis.execute("ZADD", keys.get(0), "-0.1", "1", "-0.1", "2").await().indefinitely();
        redis.execute("SET", keys.get(5), "1").await().indefinitely();
        redis.execute("HSET", keys.get(8), "42", "0.7,0.3,0.3,0.7").await().indefinitely();
        String script = LuaScript.of(LuaScript.source("state"), AllocationIndex.GAIN, LuaScript.source("claim")).source();
        List<String> command = new ArrayList<>(List.of(script, Integer.toString(keys.size())));
        command.addAll(keys);
        command.addAll(List.of("1", Integer.toString(cap), "round", Long.toString(Long.MAX_VALUE / 2), "2000", "need", "0", "0", "0", "",
                "42", Double.toString(MajorityNeed.TIE_BREAK), "16"));
        try {
            List<String> claimed = new ArrayList<>();
            redis.execute("EVAL", command.toArray(String[]::new)).await().indefinitely().forEach(item -> claimed.add(item.toString()));
            return claimed;
        } finally {
            redis.execute("DEL", keys.toArray(String[]::new)).await().indefinitely();
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
