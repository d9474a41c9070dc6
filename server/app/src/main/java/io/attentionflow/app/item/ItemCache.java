package io.attentionflow.app.item;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.attentionflow.app.cluster.NodeChannels;
import io.attentionflow.app.item.ItemRepository.StoredItem;
import io.attentionflow.app.item.ItemRepository.Suggested;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Items as the play path sees them. Every round and every answer needs its items, and an item never changes once
 * uploaded but for the AI helper's suggestion, which arrives once, some time later. So items are read from
 * PostgreSQL once and remembered (up to {@link #REMEMBERED_ITEMS}, beyond which Caffeine drops those used least
 * often and least lately).
 * A stored suggestion goes through here: it drops the item on this node at once and, through Redis pub/sub, on
 * every other node within milliseconds. An item still without a suggestion is read again after {@link #MAX_AGE}
 * all the same, so a lost message (a node not yet subscribed) delays a suggestion by at most that; a node that could
 * not listen for a while ({@link NodeChannels}: Redis restarted) forgets every item once it listens again.
 * A read that was under way when some item was dropped is used but not remembered, since it may predate the
 * suggestion; while a helper's suggestions stream in, items are read from PostgreSQL more often, never stale.
 */
@Startup
@ApplicationScoped
public class ItemCache {

    private static final Logger LOG = Logger.getLogger(ItemCache.class);
    static final String CHANGED_CHANNEL = "aflow:item-changed";
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /**
     * Items at most: at a few hundred bytes to a kilobyte of heap each (their fields as strings), up to about 200 MB
     * (an estimate, not measured); a node serving more items reads the others again.
     */
    static final long REMEMBERED_ITEMS = 200_000;

    private record ProjectItem(long projectId, StoredItem stored) {
    }

    private final ItemRepository items;
    private final NodeChannels channels;
    /** Items dropped so far on this node: a read remembers what it found only if none was dropped meanwhile. */
    private final AtomicLong dropped = new AtomicLong();
    private final Cache<Long, ProjectItem> remembered = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_ITEMS)
            // A suggestion is stored once and never replaced, so an item that has one cannot change any more.
            .expireAfter(Expiry.<Long, ProjectItem>writing((id, item) -> item.stored().aiAnswer() != null
                    ? Duration.ofNanos(Long.MAX_VALUE) : MAX_AGE))
            .build();

    ItemCache(ItemRepository items, NodeChannels channels) {
        this.items = items;
        this.channels = channels;
    }

    @PostConstruct
    void listen() {
        channels.listen(CHANGED_CHANNEL, this::drop, this::dropAll);
    }

    /** The items with these ids in {@code projectId}; unknown ids, and ids of another project's items, are absent. */
    public Uni<Map<Long, StoredItem>> find(long projectId, List<Long> ids) {
        Map<Long, StoredItem> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            ProjectItem hit = remembered.getIfPresent(id);
            if (hit != null && hit.projectId() == projectId) {
                found.put(id, hit.stored());
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        long droppedBefore = dropped.get();
        return items.find(projectId, missing).map(read -> {
            if (dropped.get() == droppedBefore) {
                read.forEach((id, item) -> remembered.put(id, new ProjectItem(projectId, item)));
            }
            found.putAll(read);
            return found;
        });
    }

    /** Stores an AI helper's suggestion for an item; rounds from every node show it from now on. */
    public Uni<Suggested> saveSuggestion(long itemId, String answer, double confidence) {
        return items.saveSuggestion(itemId, answer, confidence).call(() -> changed(itemId));
    }

    private void drop(long itemId) {
        dropped.incrementAndGet();
        remembered.invalidate(itemId);
    }

    /** This node may have missed suggestions (it could not listen for a while): everything is read again. */
    private void dropAll() {
        dropped.incrementAndGet();
        remembered.invalidateAll();
    }

    private Uni<Void> changed(long itemId) {
        drop(itemId);
        return channels.publish(CHANGED_CHANNEL, itemId)
                .onFailure().invoke(e -> LOG.warnf(e, "Other nodes were not told of the suggestion for item %d; they show it within %s",
                        itemId, MAX_AGE))
                .onFailure().recoverWithNull();
    }
}
