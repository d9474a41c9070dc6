package io.attentionflow.app.answer;

import io.attentionflow.app.persistence.KeysetPages;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Answers and round submissions in PostgreSQL. Answers are append-only. */
@ApplicationScoped
public class AnswerRepository {

    /** An answer as exported: item (external id), player, label, in insertion order. */
    public record ExportedAnswer(long id, String item, long playerId, String label) {
    }

    /** Who answered which item, for rebuilding who-has-seen-what. */
    public record PlayerItem(long answerId, long playerId, long itemId) {
    }

    /** A stored round submission. */
    public record Submission(byte[] requestHash, JsonObject response) {
    }

    private final Pool pool;

    public AnswerRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims the round for this submission inside the transaction. Returns empty when this call claimed it,
     * or the earlier submission when the round was already submitted (the caller then compares requests).
     */
    public Uni<Optional<Submission>> claimRound(SqlClient tx, UUID roundId, long projectId, long playerId, byte[] requestHash) {
        return tx.preparedQuery("insert into round_submission (round_id, project_id, player_id, request_hash, response) "
                        + "values ($1, $2, $3, $4, '{}'::jsonb) on conflict (round_id) do nothing returning round_id")
                .execute(Tuple.of(roundId, projectId, playerId, io.vertx.core.buffer.Buffer.buffer(requestHash)))
                .chain(inserted -> inserted.rowCount() == 1 ? Uni.createFrom().item(Optional.<Submission>empty())
                        : submission(tx, roundId));
    }

    public Uni<Optional<Submission>> submission(SqlClient client, UUID roundId) {
        return client.preparedQuery("select request_hash, response from round_submission where round_id = $1")
                .execute(Tuple.of(roundId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Submission(row.getBuffer("request_hash").getBytes(), row.getJsonObject("response")));
                });
    }

    public Uni<Void> saveResponse(SqlClient tx, UUID roundId, JsonObject response) {
        return tx.preparedQuery("update round_submission set response = $2 where round_id = $1")
                .execute(Tuple.of(roundId, response))
                .replaceWithVoid();
    }

    /**
     * Records one answer if the item still takes answers: open, below the cap, and not yet answered by this
     * player. Bumps the item's answer count in the same statement, so the cap holds however many nodes and
     * whatever Redis says. Returns the item's new answer count, or empty when the answer was not taken.
     */
    public Uni<Optional<Integer>> record(SqlClient tx, long projectId, long itemId, long playerId, UUID roundId, String label,
                                         Double objective, int cap) {
        return tx.preparedQuery("""
                        with bumped as (
                          update item set answer_count = answer_count + 1
                          where id = $2 and project_id = $1 and not retired and answer_count < $6
                            and not exists (select 1 from answer where item_id = $2 and player_id = $3)
                          returning id, answer_count)
                        insert into answer (project_id, item_id, player_id, round_id, label, objective)
                        select $1, id, $3, $4, $5, $7 from bumped
                        returning (select answer_count from bumped)""")
                .execute(Tuple.from(java.util.Arrays.asList(projectId, itemId, playerId, roundId, label, cap, objective)))
                .map(rows -> rows.rowCount() == 1 ? Optional.of(rows.iterator().next().getInteger(0)) : Optional.<Integer>empty());
    }

    /** The answers an item has: label and the current accuracy estimate of whoever gave it. */
    public record ItemAnswers(List<String> labels, List<Double> accuracies) {
    }

    /** All answers of these items with their workers' accuracies (default {@code newWorkerAccuracy}). */
    public Uni<Map<Long, ItemAnswers>> withAccuracies(SqlClient tx, List<Long> itemIds, double newWorkerAccuracy) {
        return tx.preparedQuery("select a.item_id, a.label, coalesce(r.accuracy, $2) as accuracy from answer a "
                        + "left join player_reliability r on r.project_id = a.project_id and r.player_id = a.player_id "
                        + "where a.item_id = any($1)")
                .execute(Tuple.of(itemIds.toArray(Long[]::new), newWorkerAccuracy))
                .map(rows -> {
                    Map<Long, ItemAnswers> answers = new HashMap<>();
                    rows.forEach(row -> {
                        ItemAnswers item = answers.computeIfAbsent(row.getLong("item_id"), k -> new ItemAnswers(new ArrayList<>(), new ArrayList<>()));
                        item.labels().add(row.getString("label"));
                        item.accuracies().add(row.getDouble("accuracy"));
                    });
                    return answers;
                });
    }

    /** Stores an item's posterior (null for games without labels) and confidence after an answer, and whether it retired. */
    public Uni<Void> saveState(SqlClient tx, long itemId, double[] posterior, double confidence, boolean retired) {
        Double[] boxed = null;
        if (posterior != null) {
            boxed = new Double[posterior.length];
            for (int i = 0; i < posterior.length; i++) {
                boxed[i] = posterior[i];
            }
        }
        return tx.preparedQuery("update item set posterior = $2, confidence = $3, retired = retired or $4 where id = $1")
                .execute(Tuple.of(itemId, boxed, confidence, retired))
                .replaceWithVoid();
    }

    /** Items answered in each of these rounds; rounds absent from the map were never submitted. */
    public Uni<Map<UUID, List<Long>>> answeredInRounds(List<UUID> roundIds) {
        return pool.preparedQuery("select s.round_id, a.item_id from round_submission s left join answer a on a.round_id = s.round_id "
                        + "where s.round_id = any($1)")
                .execute(Tuple.of(roundIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Long>> answered = new HashMap<>();
                    rows.forEach(row -> {
                        List<Long> items = answered.computeIfAbsent(row.getUUID("round_id"), k -> new ArrayList<>());
                        if (row.getLong("item_id") != null) {
                            items.add(row.getLong("item_id"));
                        }
                    });
                    return answered;
                });
    }

    public Multi<PlayerItem> playerItems(long projectId) {
        return KeysetPages.stream(pool, "select id, player_id, item_id from answer where project_id = $1 and id > $2 order by id limit 5000", projectId,
                row -> new PlayerItem(row.getLong("id"), row.getLong("player_id"), row.getLong("item_id")), PlayerItem::answerId);
    }

    /** Every answer of a project in insertion order, streamed in pages. */
    public Multi<ExportedAnswer> export(long projectId) {
        return KeysetPages.stream(pool, "select a.id, i.external_id, a.player_id, a.label from answer a join item i on i.id = a.item_id "
                        + "where a.project_id = $1 and a.id > $2 order by a.id limit 5000", projectId,
                row -> new ExportedAnswer(row.getLong("id"), row.getString("external_id"), row.getLong("player_id"), row.getString("label")),
                ExportedAnswer::id);
    }
}
