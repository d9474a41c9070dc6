package io.attentionflow.app.pairing;

import io.attentionflow.app.persistence.BoundedReads;
import io.attentionflow.app.persistence.BoundedWrites;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Words typed in output-agreement rounds, the matches they made, and the tags items earned. */
@ApplicationScoped
public class TagRepository {

    private final Pool pool;
    private final BoundedReads reads;
    private final BoundedWrites writes;

    public TagRepository(Pool pool, BoundedReads reads, BoundedWrites writes) {
        this.pool = pool;
        this.reads = reads;
        this.writes = writes;
    }

    /** Keeps a typed word before the player is told it was taken; a word kept already is kept once. */
    public Uni<Void> saveWord(UUID roundId, long itemId, long playerId, String word, String key) {
        return writes.bounded(pool.preparedQuery("insert into tag_word (round_id, item_id, player_id, word, word_key) "
                                + "values ($1, $2, $3, $4, $5) on conflict do nothing")
                        .execute(Tuple.of(roundId, itemId, playerId, word, key)), "a typed word")
                .replaceWithVoid();
    }

    /**
     * A recorded partner to play against: the words of someone else's earlier round on this item, the round
     * with the most words (the latest among equals), which gives the player the fairest chance to agree.
     */
    public Uni<List<String>> recorded(long itemId, long playerId) {
        return reads.bounded(pool.preparedQuery("select word_key from tag_word where round_id = (select round_id from tag_word "
                        + "where item_id = $1 and player_id <> $2 group by round_id order by count(*) desc, max(id) desc limit 1) order by id")
                .execute(Tuple.of(itemId, playerId)), "a recorded partner's words")
                .map(rows -> {
                    List<String> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(row.getString(0)));
                    return keys;
                });
    }

    /**
     * Records a match in these rounds and, if it is new, one more agreement on the item's tag, in one statement: a match
     * recorded again (its first write timed out and then committed) adds no agreement.
     */
    public Uni<Void> saveMatch(List<UUID> roundIds, long itemId, String tag) {
        return writes.bounded(pool.preparedQuery("with matched as (insert into round_match (round_id, item_id, tag) "
                                + "select r, $2, $3 from unnest($1::uuid[]) as r on conflict do nothing returning 1) "
                                + "insert into item_tag (item_id, tag, agreements) select $2, $3, 1 where exists (select 1 from matched) "
                                + "on conflict (item_id, tag) do update set agreements = item_tag.agreements + 1")
                        // sorted: two players matching at once lock the rounds' rows in one order, and cannot deadlock
                        .execute(Tuple.of(roundIds.stream().sorted().toArray(UUID[]::new), itemId, tag)), "a match")
                .replaceWithVoid();
    }

    /** Whether this round matched {@code key} on the item: only agreed tags earn points. */
    public Uni<Boolean> matched(UUID roundId, long itemId, String key) {
        return reads.bounded(pool.preparedQuery("select 1 from round_match where round_id = $1 and item_id = $2 and tag = $3")
                .execute(Tuple.of(roundId, itemId, key)), "round " + roundId + "'s matches")
                .map(rows -> rows.rowCount() > 0);
    }

    /** Agreed tags of these items, most agreed first. */
    public Uni<Map<Long, List<String>>> agreed(List<Long> itemIds) {
        return reads.bounded(pool.preparedQuery("select item_id, tag from item_tag where item_id = any($1) order by agreements desc, tag")
                .execute(Tuple.of(itemIds.toArray(Long[]::new))), "the items' agreed tags")
                .map(rows -> {
                    Map<Long, List<String>> tags = new HashMap<>();
                    rows.forEach(row -> tags.computeIfAbsent(row.getLong("item_id"), k -> new ArrayList<>()).add(row.getString("tag")));
                    return tags;
                });
    }
}
