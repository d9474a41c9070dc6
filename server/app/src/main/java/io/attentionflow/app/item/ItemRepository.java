package io.attentionflow.app.item;

import io.attentionflow.plugin.api.Item;
import io.attentionflow.app.persistence.BoundedReads;
import io.attentionflow.app.persistence.KeysetPages;
import io.attentionflow.app.persistence.PgArrays;
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

/** Items in PostgreSQL. */
@ApplicationScoped
public class ItemRepository {

    /** Rows per insert statement: large enough to be fast, small enough for PostgreSQL's parameter limits. */
    private static final int INSERT_CHUNK = 2_000;

    /**
     * An item as a round shows it and as answers are checked against it: what never changes once uploaded,
     * and the AI helper's suggestion, which arrives once, some time after the upload.
     */
    public record StoredItem(long id, String externalId, Map<String, String> fields, String gold, String aiAnswer, Double aiConfidence) {

        public Item view(List<String> labels) {
            return new Item(fields, labels);
        }
    }

    /**
     * What the allocation index is rebuilt from: an open item, its answers so far, its posterior from them (or
     * null), its answers per label, whether gold, and the AI helper's suggestion (nulls when there is none).
     */
    public record OpenItem(long id, int answerCount, double[] posterior, Map<String, Integer> votes, boolean gold, String aiAnswer,
                           Double aiConfidence) {
    }

    /**
     * An item's state when its AI suggestion was stored: its posterior from the answers so far (or null), how many
     * answers and how many per label, and whether it retired.
     */
    public record Suggested(double[] posterior, int answerCount, Map<String, Integer> votes, boolean retired) {
    }

    /** A column of a query on {@code item}: the item's answers per label, as a JSON object label -> answers. */
    private static final String VOTES = "(select coalesce(jsonb_object_agg(label, n), '{}') from "
            + "(select label, count(*) as n from answer where answer.item_id = item.id group by label) per_label) as votes";
    private static final String NO_VOTES = "'{}'::jsonb as votes";

    private static Map<String, Integer> votes(Row row) {
        Map<String, Integer> votes = new HashMap<>();
        row.getJsonObject("votes").forEach(entry -> votes.put(entry.getKey(), ((Number) entry.getValue()).intValue()));
        return votes;
    }

    private final Pool pool;
    private final KeysetPages pages;
    private final BoundedReads reads;

    public ItemRepository(Pool pool, KeysetPages pages, BoundedReads reads) {
        this.pool = pool;
        this.pages = pages;
        this.reads = reads;
    }

    /** An item an upload names again: as stored, and whether players have answered it yet or it retired. */
    public record Existing(StoredItem item, boolean unanswered) {
    }

    /** The items of {@code projectId} that have these external ids, by external id. */
    public Uni<Map<String, Existing>> stored(SqlClient client, long projectId, List<String> externalIds) {
        return client.preparedQuery("select id, external_id, fields, gold, ai_answer, ai_confidence, answer_count = 0 and not retired as unanswered "
                        + "from item where project_id = $1 and external_id = any($2)")
                .execute(Tuple.of(projectId, externalIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Existing> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("external_id"), new Existing(map(row), row.getBoolean("unanswered"))));
                    return found;
                });
    }

    /** Inserts the rows and returns their new ids in the same order. */
    public Uni<List<Long>> insertAll(SqlClient client, long projectId, List<UploadRow> rows) {
        Uni<List<Long>> chain = Uni.createFrom().item(new ArrayList<>());
        for (int start = 0; start < rows.size(); start += INSERT_CHUNK) {
            List<UploadRow> chunk = rows.subList(start, Math.min(rows.size(), start + INSERT_CHUNK));
            chain = chain.chain(ids -> insertChunk(client, projectId, chunk).map(more -> {
                ids.addAll(more);
                return ids;
            }));
        }
        return chain;
    }

    private Uni<List<Long>> insertChunk(SqlClient client, long projectId, List<UploadRow> chunk) {
        String[] externalIds = new String[chunk.size()];
        String[] fields = new String[chunk.size()];
        String[] gold = new String[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            UploadRow row = chunk.get(i);
            externalIds[i] = row.externalId();
            fields[i] = new JsonObject(new HashMap<>(row.fields())).encode();
            gold[i] = row.gold();
        }
        return client.preparedQuery("insert into item (project_id, external_id, fields, gold) "
                        + "select $1, e, f::jsonb, g from unnest($2::text[], $3::text[], $4::text[]) with ordinality as t(e, f, g, n) "
                        + "order by n returning id")
                .execute(Tuple.of(projectId, externalIds, fields, gold))
                .map(result -> {
                    List<Long> ids = new ArrayList<>(chunk.size());
                    result.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    /** The items with these ids in {@code projectId}, from PostgreSQL; unknown ids are simply absent. */
    public Uni<Map<Long, StoredItem>> find(long projectId, List<Long> ids) {
        return reads.bounded(pool.preparedQuery("select id, external_id, fields, gold, ai_answer, ai_confidence from item "
                        + "where project_id = $1 and id = any($2)")
                .execute(Tuple.of(projectId, ids.toArray(Long[]::new))), ids.size() + " items of project " + projectId)
                .map(rows -> {
                    Map<Long, StoredItem> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getLong("id"), map(row)));
                    return found;
                });
    }

    /**
     * Stores what an AI helper suggests for an item (through {@link ItemCache}, which tells every node), with the
     * item's state as of the stored suggestion. The row is locked first: an answer transaction holding it commits
     * before the update, whose statement then starts after that commit and so counts its answers in the votes too.
     */
    Uni<Suggested> saveSuggestion(long itemId, String answer, double confidence) {
        return pool.withTransaction(tx -> tx.preparedQuery("select 1 from item where id = $1 for update").execute(Tuple.of(itemId))
                .chain(() -> tx.preparedQuery("update item set ai_answer = $2, ai_confidence = $3 where id = $1 "
                                + "returning posterior, answer_count, retired, " + VOTES)
                        .execute(Tuple.of(itemId, answer, confidence)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Suggested(PgArrays.unboxed(row.getArrayOfDoubles("posterior")), row.getInteger("answer_count"), votes(row),
                            row.getBoolean("retired"));
                }));
    }

    /**
     * Open items of a project, in pages, for rebuilding the allocation index.
     *
     * @param withVotes whether to count each item's answers per label (only projects that report the most-voted
     *                  label need them); the items come with none otherwise
     */
    public Multi<OpenItem> open(long projectId, boolean withVotes) {
        return pages.stream("select " + openItemColumns(withVotes)
                        + " from item where project_id = $1 and not retired and id > $2 order by id limit 5000",
                projectId, ItemRepository::openItem, OpenItem::id);
    }

    /** These items of a project as {@link #open} gives them, retired or not; unknown ids are simply absent. */
    public Uni<List<OpenItem>> current(long projectId, List<Long> ids, boolean withVotes) {
        return reads.bounded(pool.preparedQuery("select " + openItemColumns(withVotes) + " from item where project_id = $1 and id = any($2)")
                .execute(Tuple.of(projectId, ids.toArray(Long[]::new))), ids.size() + " items of project " + projectId)
                .map(rows -> {
                    List<OpenItem> found = new ArrayList<>();
                    rows.forEach(row -> found.add(openItem(row)));
                    return found;
                });
    }

    private static String openItemColumns(boolean withVotes) {
        return "id, answer_count, posterior, gold is not null as gold, ai_answer, ai_confidence, " + (withVotes ? VOTES : NO_VOTES);
    }

    private static OpenItem openItem(Row row) {
        return new OpenItem(row.getLong("id"), row.getInteger("answer_count"), PgArrays.unboxed(row.getArrayOfDoubles("posterior")),
                votes(row), row.getBoolean("gold"), row.getString("ai_answer"), row.getDouble("ai_confidence"));
    }

    static StoredItem map(Row row) {
        JsonObject json = row.getJsonObject("fields");
        Map<String, String> fields = new HashMap<>();
        json.forEach(entry -> fields.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new StoredItem(row.getLong("id"), row.getString("external_id"), fields, row.getString("gold"),
                row.getString("ai_answer"), row.getDouble("ai_confidence"));
    }
}
