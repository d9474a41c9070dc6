package io.attentionflow.app.pairing;

import io.attentionflow.app.persistence.BoundedReads;
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

    public TagRepository(Pool pool, BoundedReads reads) {
        this.pool = pool;
        this.reads = reads;
    }

    /** Keeps a typed word before the player is told it was taken. */
    public Uni<Void> saveWord(UUID roundId, long itemId, long playerId, String word, String key) {
        return pool.preparedQuery("insert into tag_word (round_id, item_id, player_id, word, word_key) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(roundId, itemId, playerId, word, key))
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

    /** Records a match in these rounds and counts one more agreement on the item's tag, in one transaction. */
    public Uni<Void> saveMatch(List<UUID> roundIds, long itemId, String tag) {
        return pool.withTransaction(tx -> tx.preparedQuery("insert into round_match (round_id, item_id, tag) "
                                + "select r, $2, $3 from unnest($1::uuid[]) as r on conflict do nothing")
                .execute(Tuple.of(roundIds.toArray(UUID[]::new), itemId, tag))
                .chain(() -> tx.preparedQuery("insert into item_tag (item_id, tag, agreements) values ($1, $2, 1) "
                                + "on conflict (item_id, tag) do update set agreements = item_tag.agreements + 1")
                        .execute(Tuple.of(itemId, tag)))
                .replaceWithVoid());
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
