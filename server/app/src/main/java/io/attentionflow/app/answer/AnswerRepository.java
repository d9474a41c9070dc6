package io.attentionflow.app.answer;

import io.attentionflow.app.persistence.BoundedReads;
import io.attentionflow.app.persistence.KeysetPages;
import io.attentionflow.app.persistence.PgArrays;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
    private final KeysetPages pages;
    private final BoundedReads reads;

    public AnswerRepository(Pool pool, KeysetPages pages, BoundedReads reads) {
        this.pool = pool;
        this.pages = pages;
        this.reads = reads;
    }

    /** A round as its submission claims it: the round, its project and player, and the hash of the answers sent. */
    public record RoundClaim(UUID roundId, long projectId, long playerId, byte[] requestHash) {
    }

    /**
     * Claims these rounds for their submissions inside the transaction, in one statement. Returns the rounds
     * this call claimed; a round left out was submitted before (see {@link #submissions}).
     */
    public Uni<Set<UUID>> claimRounds(SqlClient tx, List<RoundClaim> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery("insert into round_submission (round_id, project_id, player_id, request_hash, response) "
                        + "select r, p, pl, h, '{}'::jsonb from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bytea[]) as t(r, p, pl, h) "
                        + "on conflict (round_id) do nothing returning round_id")
                .execute(Tuple.of(claims.stream().map(RoundClaim::roundId).toArray(UUID[]::new),
                        claims.stream().map(RoundClaim::projectId).toArray(Long[]::new),
                        claims.stream().map(RoundClaim::playerId).toArray(Long[]::new),
                        claims.stream().map(claim -> Buffer.buffer(claim.requestHash())).toArray(Buffer[]::new)))
                .map(rows -> {
                    Set<UUID> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getUUID(0)));
                    return claimed;
                });
    }

    /** The stored submissions of those of these rounds that were submitted. */
    public Uni<Map<UUID, Submission>> submissions(SqlClient client, List<UUID> roundIds) {
        if (roundIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select round_id, request_hash, response from round_submission where round_id = any($1)")
                .execute(Tuple.of(roundIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Submission> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("round_id"),
                            new Submission(row.getBuffer("request_hash").getBytes(), row.getJsonObject("response"))));
                    return found;
                });
    }

    /** Stores what each of these rounds' submitters were told, for replaying it to a repeated submission. */
    public Uni<Void> saveResponses(SqlClient tx, Map<UUID, JsonObject> responses) {
        if (responses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("update round_submission s set response = r.response::jsonb "
                        + "from unnest($1::uuid[], $2::text[]) as r(round_id, response) where s.round_id = r.round_id")
                .execute(Tuple.of(responses.keySet().toArray(UUID[]::new),
                        responses.values().stream().map(JsonObject::encode).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Counts {@code answers} more against the project's budget, unless that would take it beyond the budget. The
     * project's row stays locked until the transaction ends, so concurrent transactions of every node count in turn.
     *
     * @return whether the budget had room for them
     */
    public Uni<Boolean> spendBudget(SqlClient tx, long projectId, int answers) {
        return tx.preparedQuery("update project set budget_spent = budget_spent + $2 where id = $1 and budget_spent + $2 <= answer_budget")
                .execute(Tuple.of(projectId, answers))
                .map(rows -> rows.rowCount() == 1);
    }

    /** One answer to record: the item, who gave it in which round, and the item's cap on answers. */
    public record NewAnswer(long projectId, long itemId, long playerId, UUID roundId, String label, Double objective, int cap) {
    }

    /**
     * Records answers, of any number of rounds, in one statement. Each is taken only if its item still
     * takes answers: open, below the cap (gold items have none: they measure players), and not yet
     * answered by this player; the item's answer count rises in the same statement, so the cap holds
     * however many nodes and whatever Redis says. Item rows are locked in id order, so transactions sharing
     * items queue up instead of deadlocking. Several answers to one item are taken all or none: no more than
     * one per item unless it is gold (which has no cap). Returns, for each answer taken, by player, then item, its
     * item's new answer count and the AI suggestion the locked row holds (so what the answer path writes to the
     * index never rests on a node's remembered item).
     */
    public Uni<Map<Long, Map<Long, Taken>>> record(SqlClient tx, List<NewAnswer> given) {
        Long[] items = given.stream().map(NewAnswer::itemId).toArray(Long[]::new);
        return tx.preparedQuery("""
                        with input as (
                          select * from unnest($1::bigint[], $2::text[], $3::float8[], $4::bigint[], $5::uuid[], $6::bigint[], $7::int[])
                            as t(item_id, label, objective, player_id, round_id, project_id, cap)),
                        locked as (
                          select id from item where id = any($1) order by id for update),
                        fresh as (
                          select input.* from input
                          where not exists (select 1 from answer a where a.item_id = input.item_id and a.player_id = input.player_id)),
                        bumped as (
                          update item i set answer_count = i.answer_count + f.answers
                          from (select item_id, project_id, max(cap) as cap, count(*) as answers from fresh group by item_id, project_id) f
                          where i.id = f.item_id and i.id in (select id from locked)
                            and i.project_id = f.project_id and not i.retired and (i.gold is not null or i.answer_count + f.answers <= f.cap)
                          returning i.id, i.answer_count, i.ai_answer, i.ai_confidence),
                        inserted as (
                          insert into answer (project_id, item_id, player_id, round_id, label, objective)
                          select f.project_id, b.id, f.player_id, f.round_id, f.label, f.objective
                          from bumped b join fresh f on f.item_id = b.id
                          returning item_id)
                        select b.id, f.player_id, b.answer_count, b.ai_answer, b.ai_confidence from bumped b join fresh f on f.item_id = b.id""")
                .execute(Tuple.from(Arrays.asList(items,
                        given.stream().map(NewAnswer::label).toArray(String[]::new),
                        given.stream().map(NewAnswer::objective).toArray(Double[]::new),
                        given.stream().map(NewAnswer::playerId).toArray(Long[]::new),
                        given.stream().map(NewAnswer::roundId).toArray(UUID[]::new),
                        given.stream().map(NewAnswer::projectId).toArray(Long[]::new),
                        given.stream().map(NewAnswer::cap).toArray(Integer[]::new))))
                .map(rows -> {
                    Map<Long, Map<Long, Taken>> taken = new HashMap<>();
                    rows.forEach(row -> taken.computeIfAbsent(row.getLong("player_id"), player -> new HashMap<>()).put(row.getLong("id"),
                            new Taken(row.getInteger("answer_count"), row.getString("ai_answer"), row.getDouble("ai_confidence"))));
                    return taken;
                });
    }

    /** An item whose answer was taken: its answers now, and its AI suggestion (nulls when it has none). */
    public record Taken(int answerCount, String aiAnswer, Double aiConfidence) {
    }

    /** The answers an item has: label and the current accuracy estimate of whoever gave it. */
    public record ItemAnswers(List<String> labels, List<Double> accuracies) {

        /** Answers per label. */
        public Map<String, Integer> votes() {
            Map<String, Integer> votes = new HashMap<>();
            labels.forEach(label -> votes.merge(label, 1, Integer::sum));
            return votes;
        }
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

    /** An item's state after an answer: posterior (null for games without labels), confidence, retired. */
    public record ItemState(long itemId, double[] posterior, double confidence, boolean retired) {
    }

    /** Stores the state of every answered item in one statement. */
    public Uni<Void> saveStates(SqlClient tx, List<ItemState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = states.stream().map(ItemState::itemId).toArray(Long[]::new);
        String[] posteriors = states.stream().map(state -> PgArrays.literal(state.posterior())).toArray(String[]::new);
        Double[] confidences = states.stream().map(ItemState::confidence).toArray(Double[]::new);
        Boolean[] retired = states.stream().map(ItemState::retired).toArray(Boolean[]::new);
        return tx.preparedQuery("update item i set posterior = s.posterior::float8[], confidence = s.confidence, retired = i.retired or s.retired "
                        + "from unnest($1::bigint[], $2::text[], $3::float8[], $4::bool[]) as s(id, posterior, confidence, retired) where i.id = s.id")
                .execute(Tuple.of(ids, posteriors, confidences, retired))
                .replaceWithVoid();
    }

    /** A submitted round's answered items, and those of them that are retired now. */
    public record SubmittedRound(List<Long> answered, List<Long> retired) {
    }

    /** What was submitted of each of these rounds; rounds absent from the map were never submitted. */
    public Uni<Map<UUID, SubmittedRound>> submittedRounds(List<UUID> roundIds) {
        return reads.bounded(pool.preparedQuery("select s.round_id, a.item_id, i.retired from round_submission s "
                        + "left join answer a on a.round_id = s.round_id left join item i on i.id = a.item_id where s.round_id = any($1)")
                .execute(Tuple.of(roundIds.toArray(UUID[]::new))), roundIds.size() + " rounds' submissions")
                .map(rows -> {
                    Map<UUID, SubmittedRound> submitted = new HashMap<>();
                    rows.forEach(row -> {
                        SubmittedRound round = submitted.computeIfAbsent(row.getUUID("round_id"),
                                k -> new SubmittedRound(new ArrayList<>(), new ArrayList<>()));
                        Long item = row.getLong("item_id");
                        if (item != null) {
                            round.answered().add(item);
                            if (row.getBoolean("retired")) {
                                round.retired().add(item);
                            }
                        }
                    });
                    return submitted;
                });
    }

    public Multi<PlayerItem> playerItems(long projectId) {
        return pages.stream("select id, player_id, item_id from answer where project_id = $1 and id > $2 order by id limit 5000", projectId,
                row -> new PlayerItem(row.getLong("id"), row.getLong("player_id"), row.getLong("item_id")), PlayerItem::answerId);
    }

    /** Every answer of a project in insertion order, streamed in pages. */
    public Multi<ExportedAnswer> export(long projectId) {
        return pages.stream("select a.id, i.external_id, a.player_id, a.label from answer a join item i on i.id = a.item_id "
                        + "where a.project_id = $1 and a.id > $2 order by a.id limit 5000", projectId,
                row -> new ExportedAnswer(row.getLong("id"), row.getString("external_id"), row.getLong("player_id"), row.getString("label")),
                ExportedAnswer::id);
    }
}
