package io.attentionflow.app.leaderboard;

import io.attentionflow.app.persistence.BoundedReads;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily and all-time leaderboards as Redis sorted sets (player id -> points), shared by every node. They
 * are derived state: the all-time board can be rebuilt from players' points in PostgreSQL.
 */
@ApplicationScoped
public class Leaderboards {

    /** Which board. */
    public enum Period {
        day, all
    }

    /** One line of a board. */
    public record Entry(int rank, long playerId, String name, long points) {
    }

    /** A board as shown to players. */
    public record Board(Period period, List<Entry> entries) {
    }

    static final int DAYS_KEPT = 3;

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final BoundedReads reads;

    public Leaderboards(ReactiveRedisDataSource redis, Pool pool, BoundedReads reads) {
        this.redis = redis;
        this.pool = pool;
        this.reads = reads;
    }

    static String key(Period period) {
        return period == Period.all ? "af:lb:all" : "af:lb:day:" + LocalDate.now(ZoneOffset.UTC);
    }

    /** Adds points to players on both boards. */
    public Uni<Void> award(Map<Long, Integer> points) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        String day = key(Period.day);
        for (Map.Entry<Long, Integer> award : points.entrySet()) {
            if (award.getValue() == 0) {
                continue;
            }
            String player = award.getKey().toString();
            String amount = award.getValue().toString();
            chain = chain.chain(() -> redis.execute("ZINCRBY", key(Period.all), amount, player))
                    .chain(() -> redis.execute("ZINCRBY", day, amount, player))
                    .replaceWithVoid();
        }
        return chain.chain(() -> redis.execute("EXPIRE", day, Long.toString(DAYS_KEPT * 86_400L))).replaceWithVoid();
    }

    /** The top {@code size} players of a board with their names. */
    public Uni<Board> top(Period period, int size) {
        return redis.execute("ZREVRANGE", key(period), "0", Integer.toString(size - 1), "WITHSCORES").chain(response -> {
            List<Long> ids = new ArrayList<>();
            List<Long> scores = new ArrayList<>();
            // RESP3 answers [[member, score], ...]; RESP2 answers [member, score, member, score, ...].
            for (int i = 0; response != null && i < response.size(); i++) {
                var entry = response.get(i);
                if (entry.type() == io.vertx.redis.client.ResponseType.MULTI) {
                    ids.add(entry.get(0).toLong());
                    scores.add((long) Double.parseDouble(entry.get(1).toString()));
                } else if (i + 1 < response.size()) {
                    ids.add(entry.toLong());
                    scores.add((long) Double.parseDouble(response.get(++i).toString()));
                }
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().item(new Board(period, List.of()));
            }
            return reads.bounded(pool.preparedQuery("select id, name from player where id = any($1)")
                    .execute(Tuple.of(ids.toArray(Long[]::new))), "the leaders' names")
                    .map(rows -> {
                        Map<Long, String> names = new HashMap<>();
                        rows.forEach(row -> names.put(row.getLong("id"), row.getString("name")));
                        List<Entry> entries = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            entries.add(new Entry(i + 1, ids.get(i), names.getOrDefault(ids.get(i), "?"), scores.get(i)));
                        }
                        return new Board(period, entries);
                    });
        });
    }
}
