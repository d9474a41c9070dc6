package io.attentionflow.app.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.attentionflow.app.Api;
import io.attentionflow.app.cluster.NodeChannels;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.round.AllocationIndex;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rounds come from items each node remembers, and an AI helper's suggestion arrives after the upload: a round
 * must show it as soon as it is stored, whichever node stored it, even for an item already shown without one.
 */
@QuarkusTest
class ItemCacheTest {

    @Inject
    ItemCache thisNode;
    @Inject
    ItemRepository items;
    @Inject
    NodeChannels channels;
    @Inject
    ProjectRepository projects;
    @Inject
    AllocationIndex index;
    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void aSuggestionShowsInTheNextRoundWhicheverNodeStoredIt() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1000, 0.999, "cat", "dog"); // rounds left unanswered never fill an item
        Api.itemsAndActivate(researcher, project, 5); // a label-rush round holds five items: every round shows all
        JsonPath first = round(project);
        assertEquals(List.of(), first.getList("items.suggestion").stream().filter(s -> s != null).toList(),
                "no suggestion before the helper's");
        List<Long> ids = first.getList("items.id", Long.class);

        thisNode.saveSuggestion(ids.get(0), "dog", 0.9).await().indefinitely();
        assertEquals("dog", suggestion(round(project), ids.get(0)), "a suggestion stored on this node shows in its next round");

        ItemCache otherNode = new ItemCache(items, channels);
        assertNull(otherNode.find(project, ids).await().indefinitely().get(ids.get(1)).aiAnswer());
        otherNode.saveSuggestion(ids.get(1), "cat", 0.8).await().indefinitely();
        // Pub/sub takes milliseconds; without it this node would read the item again only after ItemCache.MAX_AGE.
        long deadline = System.nanoTime() + 2_000_000_000L;
        String shown;
        do {
            shown = suggestion(round(project), ids.get(1));
        } while (shown == null && System.nanoTime() < deadline);
        assertEquals("cat", shown, "a suggestion stored on another node shows in this node's rounds");
    }

    /**
     * Redis drops every subscription when it restarts, and the client does not say so: suggestions stored on other
     * nodes must reach this node's rounds again within seconds, not only once it reads its items again.
     */
    @Test
    void suggestionsFromOtherNodesShowAgainSoonAfterRedisDroppedTheSubscriptions() throws InterruptedException {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1000, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 5);
        long item = round(project).getList("items.id", Long.class).get(0);
        dropSubscribersOfThisDatabase(); // what a Redis restart does to them

        ItemCache otherNode = new ItemCache(items, channels);
        // A message published while no node listens is lost for good, so the other node stores the suggestion again
        // and again, as a stream of suggestions would, until this node hears one.
        long deadline = System.nanoTime() + (3L * NodeChannels.HEARTBEAT_SECONDS + 5) * 1_000_000_000L;
        String shown;
        do {
            otherNode.saveSuggestion(item, "dog", 0.9).await().indefinitely();
            Thread.sleep(200);
            shown = suggestion(round(project), item);
        } while (shown == null && System.nanoTime() < deadline);
        assertEquals("dog", shown, "this node listens again and drops the item it remembered without the suggestion");
    }

    /**
     * A node that missed a suggestion (its message lost while Redis restarted) still shows the item without it for a
     * while, but the answers it takes must not strip the helper's prior from the shared index: the next player is
     * sent where nobody is sure, not back to the items the helper is sure of.
     */
    @Test
    void answersTakenByANodeThatMissedASuggestionKeepTheHelpersPriorInTheIndex() {
        String researcher = Api.researcher();
        long projectId = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, projectId, 10);
        Project project = projects.find(projectId).await().indefinitely().orElseThrow();
        String player = Api.guest();
        JsonPath first = Api.round(player, projectId); // remembered here, no suggestion
        List<Long> suggested = first.getList("items.id", Long.class);
        for (long id : suggested) { // stored by another node, whose message this node never got
            items.saveSuggestion(id, "cat", 0.97).await().indefinitely();
            index.prioritise(project, id, AllocationIndex.belief(project.labels(), null, "cat", 0.97),
                    AllocationIndex.votes(project, Map.of()), AllocationIndex.basis(0, true)).await().indefinitely();
        }
        Api.submitAll(player, first, "cat").then().statusCode(200);
        Api.submitAll(player, Api.round(player, projectId), "cat").then().statusCode(200);

        // Every item now holds one "cat"; only the helper makes the first five surer.
        List<Long> next = round(projectId).getList("items.id", Long.class);
        assertEquals(List.of(), next.stream().filter(suggested::contains).toList(), "the next round avoids the items the helper is sure of");
    }

    /** Closes the connections subscribed on this database only: other processes may share this Redis. */
    private void dropSubscribersOfThisDatabase() {
        String database = field(redis.execute("CLIENT", "INFO").await().indefinitely().toString(), "db");
        for (String client : redis.execute("CLIENT", "LIST", "TYPE", "pubsub").await().indefinitely().toString().split("\n")) {
            if (!client.isBlank() && database.equals(field(client, "db"))) {
                redis.execute("CLIENT", "KILL", "ID", field(client, "id")).await().indefinitely();
            }
        }
    }

    /** A field of a line of CLIENT LIST or CLIENT INFO ({@code id=7 addr=... db=9 ...}). */
    private static String field(String client, String name) {
        for (String part : client.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + client);
    }

    private static JsonPath round(long project) {
        return Api.nextRound(Api.guest(), project).then().statusCode(201).extract().jsonPath();
    }

    private static String suggestion(JsonPath round, long itemId) {
        return round.getString("items.find { it.id == " + itemId + " }.suggestion.answer");
    }
}
