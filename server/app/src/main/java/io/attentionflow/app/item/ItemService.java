package io.attentionflow.app.item;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.plugin.api.AiHelper;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Suggestion;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

/** Uploading items into a project: parse and check everything first, then store all in one transaction. */
@ApplicationScoped
public class ItemService {

    private static final Logger LOG = Logger.getLogger(ItemService.class);

    /**
     * An upload as stored: its items and gold items, all now in the project, of which {@code alreadyStored} an earlier
     * upload had stored with the same fields and gold (an upload sent again after its response was lost).
     */
    public record Added(long projectId, int items, int goldItems, int alreadyStored) {
    }

    /**
     * An upload's rows matched against the project's items: rows to insert, and the items an earlier upload stored as
     * these rows are ({@code stored.get(k)} is {@code storedRows.get(k)}).
     */
    private record Matched(List<UploadRow> fresh, List<UploadRow> storedRows, List<ItemRepository.Existing> stored) {

        /**
         * The upload's rows in the project once the fresh ones are stored under {@code freshIds}. Of the rows stored
         * before, only those nobody has answered yet go to the index again: an answered or retired item was in play,
         * and the index holds it as it is, or (retired) leaves it out, which a fresh entry would undo.
         */
        Placed placed(List<Long> freshIds) {
            List<Long> toIndex = new ArrayList<>(freshIds);
            List<Boolean> gold = new ArrayList<>(fresh.stream().map(row -> row.gold() != null).toList());
            List<Map.Entry<Long, UploadRow>> unsuggested = new ArrayList<>();
            for (int k = 0; k < freshIds.size(); k++) {
                unsuggested.add(Map.entry(freshIds.get(k), fresh.get(k)));
            }
            for (int k = 0; k < stored.size(); k++) {
                ItemRepository.Existing existing = stored.get(k);
                if (existing.unanswered()) {
                    toIndex.add(existing.item().id());
                    gold.add(storedRows.get(k).gold() != null);
                    if (existing.item().aiAnswer() == null) {
                        unsuggested.add(Map.entry(existing.item().id(), storedRows.get(k)));
                    }
                }
            }
            int rows = fresh.size() + storedRows.size();
            int goldRows = (int) Stream.concat(fresh.stream(), storedRows.stream()).filter(row -> row.gold() != null).count();
            return new Placed(toIndex, gold, unsuggested, rows, goldRows, stored.size());
        }
    }

    /**
     * What an upload puts in play (items for the index, and which of them are gold), the items without an AI suggestion
     * yet, and the counts its reply states.
     */
    private record Placed(List<Long> toIndex, List<Boolean> gold, List<Map.Entry<Long, UploadRow>> unsuggested, int rows,
                          int goldRows, int alreadyStored) {
    }

    private final Pool pool;
    private final ItemRepository items;
    private final ItemCache itemCache;
    private final PluginHost plugins;
    private final AllocationIndex index;

    public ItemService(Pool pool, ItemRepository items, ItemCache itemCache, PluginHost plugins, AllocationIndex index) {
        this.pool = pool;
        this.items = items;
        this.itemCache = itemCache;
        this.plugins = plugins;
        this.index = index;
    }

    /**
     * Stores the items of an upload and puts them in play. Sending an upload again is safe: rows the project holds
     * already with the same fields and gold are not stored twice, and those nobody has answered yet are put in play if
     * they are not (the first sending may have been stored and then cut off from Redis, or its response lost); a row
     * whose id the project holds with other fields or gold refuses the whole upload (409).
     */
    public Uni<Added> upload(Project project, String contentType, String body) {
        PluginHost.InstalledGame installed = plugins.game(project.gameType())
                .orElseThrow(() -> ApiException.conflict("gameType", "game type '" + project.gameType() + "' is not installed"));
        GameType game = installed.game();
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "the upload is empty");
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        // Parsing a large file takes a while: keep it off the event loop.
        return Uni.createFrom().item(() -> {
                    ItemFileParser parser = new ItemFileParser(game, project.labels());
                    return type.startsWith("text/csv") ? parser.csv(body) : parser.jsonLines(body);
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(rows -> pool.withTransaction(tx -> items.stored(tx, project.id(), rows.stream().map(UploadRow::externalId).toList())
                        .chain(stored -> {
                            Matched matched = match(rows, stored);
                            return items.insertAll(tx, project.id(), matched.fresh()).map(matched::placed);
                        }))
                        // another upload of the same ids, not committed when this one looked, committed first
                        .onFailure(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState()))
                        .transform(failure -> ApiException.conflict("id",
                                "another upload of these ids was being stored; send this one again once that one has ended")))
                // Whatever the status: an index built at an earlier activation stays through a pause.
                .chain(placed -> index.add(project, placed.toIndex(), placed.gold())
                        .invoke(() -> installed.aiHelper().ifPresent(helper -> suggest(helper, project, placed.unsuggested())))
                        .map(done -> new Added(project.id(), placed.rows(), placed.goldRows(), placed.alreadyStored())));
    }

    private static Matched match(List<UploadRow> rows, Map<String, ItemRepository.Existing> stored) {
        List<UploadRow> fresh = new ArrayList<>();
        List<UploadRow> storedRows = new ArrayList<>();
        List<ItemRepository.Existing> storedItems = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (UploadRow row : rows) {
            ItemRepository.Existing existing = stored.get(row.externalId());
            if (existing == null) {
                fresh.add(row);
            } else if (existing.item().fields().equals(row.fields()) && Objects.equals(existing.item().gold(), row.gold())) {
                storedRows.add(row);
                storedItems.add(existing);
            } else if (different.size() < 20) {
                different.add(row.externalId());
            }
        }
        if (!different.isEmpty()) {
            throw ApiException.conflict("id", "the project already has other items with these ids: " + String.join(", ", different));
        }
        return new Matched(fresh, storedRows, storedItems);
    }

    /**
     * Stores an AI helper's suggestion for an item. Rounds show it from now on, and for a game with labels it
     * becomes the item's prior in the allocation index: the surer the helper, the later players are sent there.
     */
    public Uni<Void> store(Project project, long itemId, Suggestion suggestion) {
        return itemCache.saveSuggestion(itemId, suggestion.answer(), suggestion.confidence()).chain(item -> {
            double[] belief = AllocationIndex.belief(project.labels(), item.posterior(), suggestion.answer(), suggestion.confidence());
            return belief == null || item.retired() ? Uni.createFrom().voidItem()
                    : index.prioritise(project, itemId, belief, AllocationIndex.votes(project, item.votes()),
                            AllocationIndex.basis(item.answerCount(), true));
        });
    }

    /**
     * Asks the game's AI helper for a suggestion per item that has none yet, in the background on worker threads (a helper
     * may search for a second per item), and stores each one as it comes. Rounds issued before an item's
     * suggestion is stored simply carry none.
     */
    private void suggest(AiHelper helper, Project project, List<Map.Entry<Long, UploadRow>> items) {
        Multi.createFrom().iterable(items)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(item -> {
                    Optional<Suggestion> suggestion = helper.suggest(new Item(item.getValue().fields(), project.labels()));
                    return suggestion.map(s -> store(project, item.getKey(), s)).orElse(Uni.createFrom().voidItem());
                })
                .collect().last()
                .subscribe().with(done -> LOG.infof("AI helper of '%s' suggested answers for %d items of project %d",
                        helper.gameType(), items.size(), project.id()), e -> LOG.warn("AI helper failed", e));
    }
}
