package io.attentionflow.app.player;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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

    public PlayerRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Player> insertGuest(SqlClient tx, String name) {
        return tx.preparedQuery("insert into player (name, guest) values ($1, true) returning " + COLUMNS)
                .execute(Tuple.of(name))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Player>> find(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from player where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty());
    }

    /** Turns a guest into a registered player with a name and a password hash; false if the name is taken. */
    public Uni<Boolean> register(long playerId, String name, String passwordHash) {
        return pool.preparedQuery("update player set name = $2, password_hash = $3, guest = false where id = $1 "
                        + "and not exists (select 1 from player where not guest and lower(name) = lower($2) and id <> $1)")
                .execute(Tuple.of(playerId, name, passwordHash))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The id and password hash of a registered player, by name. */
    public Uni<Optional<Map.Entry<Long, String>>> credentials(String name) {
        return pool.preparedQuery("select id, password_hash from player where not guest and lower(name) = lower($1)")
                .execute(Tuple.of(name))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(Map.entry(rows.iterator().next().getLong("id"), rows.iterator().next().getString("password_hash")))
                        : Optional.empty());
    }

    /** The player's current streak, locking their row until the transaction ends so rounds of one player queue up. */
    public Uni<Integer> lockStreak(SqlClient tx, long playerId) {
        return tx.preparedQuery("select streak from player where id = $1 for update")
                .execute(Tuple.of(playerId))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Adds points and answers to a player's totals, sets the streak (null: unchanged), returns the new point total. */
    public Uni<Long> credit(SqlClient tx, long playerId, int points, int answers, Integer streak) {
        return tx.preparedQuery("update player set points = points + $2, answers = answers + $3, streak = coalesce($4, streak), "
                        + "best_streak = greatest(best_streak, coalesce($4, streak)) where id = $1 returning points")
                .execute(Tuple.from(java.util.Arrays.asList(playerId, points, answers, streak)))
                .map(rows -> rows.iterator().next().getLong(0));
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
