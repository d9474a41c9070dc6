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
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Uploading items into a project: parse and check everything first, then store all in one transaction. */
@ApplicationScoped
public class ItemService {

    private static final Logger LOG = Logger.getLogger(ItemService.class);

    /** What an upload added. */
    public record Added(long projectId, int items, int goldItems) {
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
                .chain(rows -> pool.withTransaction(tx -> items.existingIds(tx, project.id(), rows.stream().map(UploadRow::externalId).toList())
                        .chain(existing -> {
                            if (!existing.isEmpty()) {
                                throw ApiException.conflict("id", "the project already has items with these ids: " + String.join(", ", existing));
                            }
                            return items.insertAll(tx, project.id(), rows);
                        }))
                        // Whatever the status: an index built at an earlier activation stays through a pause.
                        .chain(ids -> index.add(project, ids, rows.stream().map(r -> r.gold() != null).toList()).replaceWith(ids))
                        .invoke(ids -> installed.aiHelper().ifPresent(helper -> suggest(helper, project, rows, ids)))
                        .map(ids -> new Added(project.id(), ids.size(), (int) rows.stream().filter(r -> r.gold() != null).count())));
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
     * Asks the game's AI helper for a suggestion per new item, in the background on worker threads (a helper
     * may search for a second per item), and stores each one as it comes. Rounds issued before an item's
     * suggestion is stored simply carry none.
     */
    private void suggest(AiHelper helper, Project project, List<UploadRow> rows, List<Long> ids) {
        Multi.createFrom().range(0, ids.size())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(i -> {
                    Optional<Suggestion> suggestion = helper.suggest(new Item(rows.get(i).fields(), project.labels()));
                    return suggestion.map(s -> store(project, ids.get(i), s)).orElse(Uni.createFrom().voidItem());
                })
                .collect().last()
                .subscribe().with(done -> LOG.infof("AI helper of '%s' suggested answers for %d items of project %d",
                        helper.gameType(), ids.size(), project.id()), e -> LOG.warn("AI helper failed", e));
    }
}
