package io.attentionflow.app.round;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import io.attentionflow.app.Api;
import io.attentionflow.app.project.ProjectCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A round's answers are acknowledged once PostgreSQL has committed them; their write to the shared index comes after
 * and may fail (Redis unreachable for a moment). The round's lease then runs out, and the lease reaper must do what
 * the lost write would have done: here that write fails, as a Redis outage would make it, and everything else is real.
 */
@QuarkusTest
class LostIndexWritesTest {

    @InjectSpy
    AllocationIndex index;
    @InjectSpy
    ProjectCache projectCache;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    LeaseReaper reaper;

    /** Items retire at their first answer; the index never heard of the first round's answers. */
    @Test
    void itemsThatRetiredWhileRedisWasAwayAreNeverServedAgain() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 10, 0.6, "cat", "dog"); // one "cat" (0.7) retires an item
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        JsonPath first = Api.round(player, project);
        loseIndexWriteOf(first.getString("roundId"));
        long points = Api.submitAll(player, first, "cat").then().statusCode(200)
                .body("answers.accepted", org.hamcrest.Matchers.everyItem(equalTo(true))).extract().jsonPath().getLong("totalPoints");
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200).body("retiredItems", equalTo(5));
        long playerId = Api.as(player).get("/api/v1/players/me").then().extract().jsonPath().getLong("id");
        assertTrue(points > 0);
        io.vertx.mutiny.redis.client.Response onBoard = redis.execute("ZSCORE", "af:lb:all", Long.toString(playerId)).await().indefinitely();
        assertEquals(points, onBoard == null ? 0 : onBoard.toDouble(), 1e-9, "the points reach the all-time board");

        reaper.reapDue(System.currentTimeMillis() + 3_600_000L).await().indefinitely();

        String next = Api.guest();
        Set<Long> served = new HashSet<>();
        for (Response response = Api.nextRound(next, project); response.statusCode() != 204; response = Api.nextRound(next, project)) {
            JsonPath round = response.then().statusCode(201).extract().jsonPath();
            served.addAll(round.getList("items.id", Long.class));
            Api.submitAll(next, round, "cat").then().statusCode(200);
        }
        assertEquals(5, served.size(), "the other five items, once each");
        assertTrue(served.stream().noneMatch(first.getList("items.id", Long.class)::contains), "no retired item is served again");
    }

    /**
     * The node that leased a round stopped before it listed the project for the reaper, and no other claim listed it:
     * the reaper alone never finds the lease; once a node's sweep has, the items go back when it runs out.
     */
    @Test
    void aLeaseWhoseProjectWasNeverListedIsReturnedOnceASweepFindsIt() {
        String researcher = Api.researcher();
        long project = Api.project(researcher, 1, 1, 0.99, "cat", "dog"); // one answer, or one in flight, fills an item
        Api.itemsAndActivate(researcher, project, 5);
        List<Long> leased = Api.round(Api.guest(), project).getList("items.id", Long.class);
        redis.execute("SREM", "af:lease-projects", Long.toString(project)).await().indefinitely();
        long afterTheLease = System.currentTimeMillis() + 3_600_000L;

        reaper.reapDue(afterTheLease).await().indefinitely();
        Api.nextRound(Api.guest(), project).then().statusCode(204);

        assertTrue(reaper.listUnwatchedLeases().await().indefinitely() >= 1);
        reaper.reapDue(afterTheLease).await().indefinitely();
        assertEquals(Set.copyOf(leased), Set.copyOf(Api.round(Api.guest(), project).getList("items.id", Long.class)),
                "the five items are served again");
    }

    /** The first round spends the whole budget; the index never heard of its answers. */
    @Test
    void aProjectWhoseBudgetWasSpentWhileRedisWasAwayCompletes() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 5);
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        JsonPath first = Api.round(player, project);
        loseIndexWriteOf(first.getString("roundId"));
        Api.submitAll(player, first, "cat").then().statusCode(200);
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", equalTo(5)).body("status", equalTo("active"));

        reaper.reapDue(System.currentTimeMillis() + 3_600_000L).await().indefinitely();

        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("status", equalTo("completed")).body("complete", equalTo(true));
        Api.nextRound(Api.guest(), project).then().statusCode(409);
    }

    /**
     * The first round's write to the index is lost, and two nodes' reapers end its lease at the same moment (both
     * listed it as due): the round's answers count once against the budget, so the next player is still served.
     */
    @Test
    @SuppressWarnings("unchecked")
    void twoReapersEndingTheSameSubmittedRoundCountItsAnswersOnce() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 10);
        Api.itemsAndActivate(researcher, project, 10);
        String player = Api.guest();
        JsonPath first = Api.round(player, project);
        loseIndexWriteOf(first.getString("roundId"));
        doAnswer(invocation -> {
            Uni<Long> thisNode = (Uni<Long>) invocation.callRealMethod();
            Uni<Long> otherNode = (Uni<Long>) invocation.callRealMethod(); // the same ending, from the same due list
            return thisNode.chain(() -> otherNode);
        }).when(index).reap(any(), any(), any(), any());
        Api.submitAll(player, first, "cat").then().statusCode(200);

        reaper.reapDue(System.currentTimeMillis() + 3_600_000L).await().indefinitely();

        assertEquals(5, Api.round(Api.guest(), project).getList("items").size(), "five answers of the budget of ten are left");
    }

    /**
     * The round that spends the budget reaches Redis, but completing the project then fails (PostgreSQL busy for a
     * moment): the reaper, finding the project active with its whole budget spent, completes it.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aProjectWhoseCompletionFailedAfterItsLastRoundIsCompletedByTheReaper() {
        String researcher = Api.researcher();
        long project = Api.budgetProject(researcher, 5);
        Api.itemsAndActivate(researcher, project, 10);
        AtomicBoolean failed = new AtomicBoolean();
        doAnswer(invocation -> failed.compareAndSet(false, true)
                ? Uni.createFrom().failure(new IllegalStateException("PostgreSQL busy"))
                : (Uni<Void>) invocation.callRealMethod())
                .when(projectCache).completeIfBudgetSpent(any(), anyLong());
        String player = Api.guest();
        Api.submitAll(player, Api.round(player, project), "cat").then().statusCode(200);
        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200)
                .body("answers", equalTo(5)).body("status", equalTo("active"));

        reaper.reapDue(System.currentTimeMillis()).await().indefinitely();

        Api.as(researcher).get("/api/v1/projects/" + project + "/progress").then().statusCode(200).body("status", equalTo("completed"));
    }

    /** The round's first write to the index (its answers') fails; later ones (the reaper's) go through. */
    @SuppressWarnings("unchecked")
    private void loseIndexWriteOf(String roundId) {
        AtomicBoolean lost = new AtomicBoolean();
        doAnswer(invocation -> roundId.equals(invocation.getArgument(1)) && lost.compareAndSet(false, true)
                ? Uni.createFrom().failure(new IllegalStateException("Redis unreachable"))
                : (Uni<Long>) invocation.callRealMethod())
                .when(index).complete(any(), any(), any(), any());
    }

}
