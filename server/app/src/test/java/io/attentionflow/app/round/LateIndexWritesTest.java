package io.attentionflow.app.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.attentionflow.app.Api;
import io.attentionflow.app.LocalServices;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.item.ItemService;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.scoring.Reliabilities;
import io.attentionflow.plugin.api.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * An answer transaction writes its items' beliefs to the shared index after it commits, and so does a stored AI
 * suggestion; across nodes and connections these writes may reach Redis in another order than their commits. Here
 * one round's write is held back, as a slow network would hold it, while the rest goes on; once it arrives, the index
 * must still rank and match the items by their newest state. Everything else is real: PostgreSQL, Redis, the answer
 * path and the suggestion path.
 */
@QuarkusTest
class LateIndexWritesTest {

    @InjectSpy
    AllocationIndex index;
    @Inject
    ItemService itemService;
    @Inject
    ProjectRepository projects;
    @Inject
    LeaseReaper reaper;
    @Inject
    ItemRepository items;

    /**
     * A player answers "cat" to the first five items; the helper's suggestion (cat, 0.97) for them is stored after
     * those answers committed, but the answers' own write to the index arrives last. A player answers "cat" to the
     * other five, which get no suggestion. The first five are then the surer ones, to a player nobody has measured
     * and to one the project has (whose claim scores items by their belief and votes in Redis), so both are sent to
     * the other five. Had the late write been taken, the first five would have lost the helper's prior; had the
     * suggestion's write not brought their votes, the measured player would see them unanswered.
     */
    @Test
    void anAnswerWhoseIndexWriteArrivesAfterTheSuggestionsDoesNotStripTheHelpersPrior() throws Exception {
        String researcher = Api.researcher();
        long projectId = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, projectId, 10);
        Project project = projects.find(projectId).await().indefinitely().orElseThrow();
        String player = Api.guest();

        JsonPath first = Api.round(player, projectId);
        List<Long> suggested = first.getList("items.id", Long.class);
        HeldWrite held = holdIndexWriteOf(first.getString("roundId"));
        CompletableFuture<Response> submitted = CompletableFuture.supplyAsync(() -> Api.submitAll(player, first, "cat"));
        held.awaitCommitted();
        for (long id : suggested) {
            itemService.store(project, id, new Suggestion("cat", 0.97)).await().indefinitely();
        }
        held.release();
        assertEquals(200, submitted.get(30, TimeUnit.SECONDS).statusCode());
        JsonPath second = Api.round(player, projectId);
        assertEquals(200, Api.submitAll(player, second, "cat").statusCode());
        List<Long> others = second.getList("items.id", Long.class);

        assertEquals(sorted(others), sorted(Api.round(Api.guest(), projectId).getList("items.id", Long.class)),
                "a player nobody has measured is sent where the helper said nothing");
        String measured = Api.guest();
        long measuredId = Api.as(measured).get("/api/v1/players/me").then().statusCode(200).extract().jsonPath().getLong("id");
        index.setReliabilities(project, List.of(new Reliabilities.PlayerReliability(measuredId, 0.8, 50, new double[] {0.8, 0.2, 0.2, 0.8})))
                .await().indefinitely();
        assertEquals(sorted(others), sorted(Api.round(measured, projectId).getList("items.id", Long.class)),
                "so is a player the project has measured");
    }

    /**
     * Two players answer "cat" to the first five items; the first player's write to the index arrives after the
     * second's. Five more items, uploaded later, get one "cat" each. The first five hold two answers and are the
     * surer ones, so the next player is sent to the later five; had the late write been taken, all ten would hold one
     * answer and look alike.
     */
    @Test
    void anEarlierAnswerWhoseIndexWriteArrivesLastDoesNotUndoALaterOne() throws Exception {
        String researcher = Api.researcher();
        long projectId = Api.project(researcher, 1, 10, 0.999, "cat", "dog");
        Api.itemsAndActivate(researcher, projectId, 5); // a round holds five items: every round shows all
        String early = Api.guest();
        String late = Api.guest();

        JsonPath earlyRound = Api.round(early, projectId);
        HeldWrite held = holdIndexWriteOf(earlyRound.getString("roundId"));
        CompletableFuture<Response> submitted = CompletableFuture.supplyAsync(() -> Api.submitAll(early, earlyRound, "cat"));
        held.awaitCommitted();
        assertEquals(200, Api.submitAll(late, Api.round(late, projectId), "cat").statusCode());
        held.release();
        assertEquals(200, submitted.get(30, TimeUnit.SECONDS).statusCode());

        Api.upload(researcher, projectId, "text/csv", "id,text\nlater-1,a\nlater-2,b\nlater-3,c\nlater-4,d\nlater-5,e\n")
                .then().statusCode(201);
        String third = Api.guest();
        JsonPath later = Api.round(third, projectId);
        assertEquals(200, Api.submitAll(third, later, "cat").statusCode());

        assertEquals(sorted(later.getList("items.id", Long.class)), sorted(Api.round(Api.guest(), projectId).getList("items.id", Long.class)),
                "the next player is sent to the items with one answer, not to those with two");
    }

    /**
     * A round's answers commit, but their write to the index is held up past the round's lease; the lease reaper
     * finds the round submitted and ends it. When the write arrives after all, it must not count the answers against
     * the budget a second time: the project, with half its budget spent, still serves the next player.
     */
    @Test
    void anAnswerWhoseIndexWriteArrivesAfterTheReaperEndedItsRoundIsCountedOnce() throws Exception {
        long projectId = answerOneRoundWithItsIndexWriteLate(10,
                project -> reaper.reapDue(System.currentTimeMillis() + 3_600_000L).await().indefinitely());

        assertEquals(5, Api.round(Api.guest(), projectId).getList("items").size(), "five answers of the budget of ten are left");
    }

    /**
     * A round's answers commit, but their write to the index is held up; meanwhile Redis loses the index, and the rebuild
     * counts those answers from PostgreSQL. When the write arrives after all, it must not count them a second time:
     * with 5 answers of a budget of 15 spent and 5 in flight, the project still serves the next player.
     */
    @Test
    void anAnswerWhoseIndexWriteArrivesAfterARebuildThatCountedItIsCountedOnce() throws Exception {
        long projectId = answerOneRoundWithItsIndexWriteLate(15, project -> {
            LocalServices.flushRedis();
            assertEquals(5, Api.round(Api.guest(), project).getList("items").size(), "the rebuilt index counts 5 answers spent");
        });

        assertEquals(5, Api.round(Api.guest(), projectId).getList("items").size(), "five answers of the budget of fifteen are left");
    }

    /**
     * Two nodes' reapers list the same expired round. The first finds it unsubmitted and returns its items and their
     * share of the budget; then the player submits after all, and the second reaper, finding it submitted, ends the
     * lease the first already ended. The answers' own write comes last and counts them: the second reaper must not
     * count them too, or the project would stop with half its budget unspent.
     */
    @Test
    void aReaperThatFindsTheLeaseAlreadyEndedCountsNothing() throws Exception {
        String researcher = Api.researcher();
        long projectId = Api.budgetProject(researcher, 10);
        Api.itemsAndActivate(researcher, projectId, 10);
        Project project = projects.find(projectId).await().indefinitely().orElseThrow();
        String player = Api.guest();
        JsonPath late = Api.round(player, projectId);
        String roundId = late.getString("roundId");
        reaper.reapDue(System.currentTimeMillis() + 3_600_000L).await().indefinitely(); // the first reaper returns it

        HeldWrite held = holdIndexWriteOf(roundId);
        CompletableFuture<Response> submitted = CompletableFuture.supplyAsync(() -> Api.submitAll(player, late, "cat"));
        held.awaitCommitted();
        List<Long> answered = late.getList("items.id", Long.class);
        Map<Long, AllocationIndex.AnsweredItem> states = new HashMap<>();
        items.current(projectId, answered, true).await().indefinitely()
                .forEach(item -> states.put(item.id(), AllocationIndex.answered(project, item)));
        index.reap(project, roundId, states, List.of()).await().indefinitely(); // the second reaper, a moment later
        held.release();
        assertEquals(200, submitted.get(30, TimeUnit.SECONDS).statusCode());

        assertEquals(5, Api.round(Api.guest(), projectId).getList("items").size(), "five answers of the budget of ten are left");
    }

    /**
     * A player answers a round of a new project of ten items with this answer budget; {@code meanwhile} runs once the
     * answers have committed and before their write reaches the index. Returns the project.
     */
    private long answerOneRoundWithItsIndexWriteLate(long budget, LongConsumer meanwhile) throws Exception {
        String researcher = Api.researcher();
        long projectId = Api.budgetProject(researcher, budget);
        Api.itemsAndActivate(researcher, projectId, 10);
        String player = Api.guest();
        JsonPath first = Api.round(player, projectId);
        HeldWrite held = holdIndexWriteOf(first.getString("roundId"));
        CompletableFuture<Response> submitted = CompletableFuture.supplyAsync(() -> Api.submitAll(player, first, "cat"));
        held.awaitCommitted();
        meanwhile.accept(projectId);
        held.release();
        assertEquals(200, submitted.get(30, TimeUnit.SECONDS).statusCode());
        return projectId;
    }

    /** One round's index write, held back once its answers have committed until released. */
    private static final class HeldWrite {
        final CountDownLatch committed = new CountDownLatch(1);
        final CompletableFuture<Void> released = new CompletableFuture<>();

        void awaitCommitted() throws InterruptedException {
            assertEquals(true, committed.await(30, TimeUnit.SECONDS), "the round's answers were committed");
        }

        void release() {
            released.complete(null);
        }
    }

    @SuppressWarnings("unchecked")
    private HeldWrite holdIndexWriteOf(String roundId) {
        HeldWrite held = new HeldWrite();
        doAnswer(invocation -> {
            Uni<Long> write = Uni.createFrom().deferred(() -> {
                try {
                    return (Uni<Long>) invocation.callRealMethod();
                } catch (Throwable e) {
                    return Uni.createFrom().failure(e);
                }
            });
            if (!roundId.equals(invocation.getArgument(1))) {
                return write;
            }
            held.committed.countDown();
            return Uni.createFrom().completionStage(held.released).chain(() -> write);
        }).when(index).complete(any(), any(), any(), any());
        return held;
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }
}
