package io.attentionflow.app.scoring;

import io.attentionflow.app.persistence.BoundedReads;
import io.attentionflow.app.persistence.PgArrays;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Each player's reliability per project in PostgreSQL, as the last full re-estimation left it. */
@ApplicationScoped
public class Reliabilities {

    /**
     * One player's reliability in a project.
     *
     * @param confusion flat {@code labels x labels} confusion matrix (row = true label, column = given label)
     */
    public record PlayerReliability(long playerId, double accuracy, int answers, double[] confusion) {
    }

    private final Pool pool;
    private final BoundedReads reads;

    public Reliabilities(Pool pool, BoundedReads reads) {
        this.pool = pool;
        this.reads = reads;
    }

    /** Stores (or replaces) the reliabilities of these players in one statement. */
    public Uni<Void> save(long projectId, List<PlayerReliability> reliabilities) {
        Long[] players = reliabilities.stream().map(PlayerReliability::playerId).toArray(Long[]::new);
        Double[] accuracies = reliabilities.stream().map(PlayerReliability::accuracy).toArray(Double[]::new);
        Integer[] answers = reliabilities.stream().map(PlayerReliability::answers).toArray(Integer[]::new);
        String[] confusions = reliabilities.stream().map(r -> PgArrays.literal(r.confusion())).toArray(String[]::new);
        return pool.preparedQuery("insert into player_reliability (project_id, player_id, accuracy, answers, confusion) "
                        + "select $1, p, a, n, c::float8[] from unnest($2::bigint[], $3::float8[], $4::int[], $5::text[]) as t(p, a, n, c) "
                        + "on conflict (project_id, player_id) do update set accuracy = excluded.accuracy, answers = excluded.answers, "
                        + "confusion = excluded.confusion")
                .execute(Tuple.of(projectId, players, accuracies, answers, confusions))
                .replaceWithVoid();
    }

    /** Every player's reliability in a project. */
    public Multi<PlayerReliability> of(long projectId) {
        return reads.bounded(pool.preparedQuery("select player_id, accuracy, answers, confusion from player_reliability where project_id = $1")
                        .execute(Tuple.of(projectId)), "project " + projectId + "'s reliabilities")
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> new PlayerReliability(row.getLong("player_id"), row.getDouble("accuracy"), row.getInteger("answers"),
                        PgArrays.unboxed(row.getArrayOfDoubles("confusion"))));
    }
}
