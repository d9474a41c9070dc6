package io.attentionflow.app.player;

import io.attentionflow.app.persistence.BoundedReads;
import io.attentionflow.app.persistence.BoundedWrites;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Players in PostgreSQL. */
@ApplicationScoped
public class PlayerRepository {

    /**
     * A player's standing.
     *
     * @param streak gold answers right in a row
     * @param level  1 at the start, then one more level per {@link #POINTS_PER_LEVEL_STEP} x level points
     */
    public record Player(long id, String name, boolean guest, long points, int answers, int streak, int bestStreak, int level) {
    }

    /** Level n+1 needs {@code POINTS_PER_LEVEL_STEP * n * (n + 1) / 2} points: each level asks a little more. */
    static final int POINTS_PER_LEVEL_STEP = 100;

    static int level(long points) {
        int level = 1;
        while (POINTS_PER_LEVEL_STEP * (long) level * (level + 1) / 2 <= points) {
            level++;
        }
        return level;
    }

    private static final String COLUMNS = "id, name, guest, points, answers, streak, best_streak";

    private final Pool pool;
    private final BoundedReads reads;
    private final BoundedWrites writes;

    public PlayerRepository(Pool pool, BoundedReads reads, BoundedWrites writes) {
        this.pool = pool;
        this.reads = reads;
        this.writes = writes;
    }

    public Uni<Player> insertGuest(SqlClient tx, String name) {
        return tx.preparedQuery("insert into player (name, guest) values ($1, true) returning " + COLUMNS)
                .execute(Tuple.of(name))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Player>> find(long id) {
        return reads.bounded(pool.preparedQuery("select " + COLUMNS + " from player where id = $1").execute(Tuple.of(id)), "player " + id)
                .map(rows -> rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty());
    }

    /**
     * Turns a guest into a registered player with a name and a password hash; false if another player has the name.
     * Sent again (after a 503 whose update committed late), it finds the name the player's own and sets it again.
     */
    public Uni<Boolean> register(long playerId, String name, String passwordHash) {
        return writes.bounded(pool.preparedQuery("update player set name = $2, password_hash = $3, guest = false where id = $1 "
                                + "and not exists (select 1 from player where not guest and lower(name) = lower($2) and id <> $1)")
                        .execute(Tuple.of(playerId, name, passwordHash)), "player " + playerId + "'s sign-up")
                .map(rows -> rows.rowCount() == 1);
    }

    /** The id and password hash of a registered player, by name. */
    public Uni<Optional<Map.Entry<Long, String>>> credentials(String name) {
        return reads.bounded(pool.preparedQuery("select id, password_hash from player where not guest and lower(name) = lower($1)")
                        .execute(Tuple.of(name)), "a player's password")
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(Map.entry(rows.iterator().next().getLong("id"), rows.iterator().next().getString("password_hash")))
                        : Optional.empty());
    }

    /**
     * The current streak of each of these players, locking their rows in id order until the transaction
     * ends: rounds of one player queue up, and transactions crediting several players cannot deadlock on them.
     */
    public Uni<Map<Long, Integer>> lockStreaks(SqlClient tx, Collection<Long> playerIds) {
        return tx.preparedQuery("select id, streak from player where id = any($1) order by id for update")
                .execute(Tuple.of(playerIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Integer> streaks = new HashMap<>();
                    rows.forEach(row -> streaks.put(row.getLong(0), row.getInteger(1)));
                    return streaks;
                });
    }

    /** Points and answers to add to a player's totals, and their streak (null: unchanged). */
    public record Credit(long playerId, int points, int answers, Integer streak) {
    }

    /** Adds each credit to its player's totals in one statement; returns each player's new point total. */
    public Uni<Map<Long, Long>> credit(SqlClient tx, List<Credit> credits) {
        return tx.preparedQuery("update player p set points = p.points + c.points, answers = p.answers + c.answers, "
                        + "streak = coalesce(c.streak, p.streak), best_streak = greatest(p.best_streak, coalesce(c.streak, p.streak)) "
                        + "from unnest($1::bigint[], $2::int[], $3::int[], $4::int[]) as c(id, points, answers, streak) "
                        + "where p.id = c.id returning p.id, p.points")
                .execute(Tuple.of(credits.stream().map(Credit::playerId).toArray(Long[]::new),
                        credits.stream().map(Credit::points).toArray(Integer[]::new),
                        credits.stream().map(Credit::answers).toArray(Integer[]::new),
                        credits.stream().map(Credit::streak).toArray(Integer[]::new)))
                .map(rows -> {
                    Map<Long, Long> totals = new HashMap<>();
                    rows.forEach(row -> totals.put(row.getLong(0), row.getLong(1)));
                    return totals;
                });
    }

    /** Delayed credit: points to every player whose answer to a retired item agrees with its result. */
    public Uni<List<Long>> creditAgreement(SqlClient tx, long itemId, String label, int points) {
        return tx.preparedQuery("update player set points = points + $3 where id in "
                        + "(select player_id from answer where item_id = $1 and label = $2) returning id")
                .execute(Tuple.of(itemId, label, points))
                .map(rows -> {
                    List<Long> ids = new java.util.ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    private static Player map(Row row) {
        long points = row.getLong("points");
        return new Player(row.getLong("id"), row.getString("name"), row.getBoolean("guest"), points, row.getInteger("answers"),
                row.getInteger("streak"), row.getInteger("best_streak"), level(points));
    }
}
