package io.attentionflow.app.player;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Players in PostgreSQL. */
@ApplicationScoped
public class PlayerRepository {

    /** A player's standing. */
    public record Player(long id, String name, boolean guest, long points, int answers) {
    }

    private final Pool pool;

    public PlayerRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Player> insertGuest(SqlClient tx, String name) {
        return tx.preparedQuery("insert into player (name, guest) values ($1, true) returning id, name, guest, points, answers")
                .execute(Tuple.of(name))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Player>> find(long id) {
        return pool.preparedQuery("select id, name, guest, points, answers from player where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty());
    }

    /** Adds points and answers to a player's totals and returns the new point total. */
    public Uni<Long> credit(SqlClient tx, long playerId, int points, int answers) {
        return tx.preparedQuery("update player set points = points + $2, answers = answers + $3 where id = $1 returning points")
                .execute(Tuple.of(playerId, points, answers))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Player map(Row row) {
        return new Player(row.getLong("id"), row.getString("name"), row.getBoolean("guest"), row.getLong("points"), row.getInteger("answers"));
    }
}
