package io.attentionflow.app.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.app.Api;
import io.attentionflow.app.LocalServices;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.round.RoundToken;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rounds submitted at the same moment are committed together, and each still gets its own outcome: a
 * repeated submission its earlier reply, a late or conflicting one its refusal, one the database rejects
 * its failure, without holding back the others.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    GroupCommit groupCommit;
    @Inject
    RoundToken tokens;
    @Inject
    ProjectRepository projects;
    @Inject
    ItemRepository items;
    @Inject
    PluginHost plugins;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    private long projectId;

    @BeforeEach
    void project() {
        String researcher = Api.researcher();
        // One answer per item: rounds of different players never share an item, so they can share a transaction.
        projectId = Api.project(researcher, 1, 1, 1.0, "cat", "dog");
        Api.itemsAndActivate(researcher, projectId, 40);
    }

    /** A round issued through the API to a new player. */
    private record IssuedRound(long projectId, String player, UUID roundId, String token, List<Long> itemIds) {
    }

    private IssuedRound issue() {
        return issue(projectId);
    }

    private IssuedRound issue(long project) {
        String player = Api.guest();
        JsonPath round = Api.nextRound(player, project).then().statusCode(201).extract().jsonPath();
        List<Long> itemIds = round.getList("items.id", Long.class);
        return new IssuedRound(project, player, UUID.fromString(round.getString("roundId")), round.getString("token"), itemIds);
    }

    /** The round answered with {@code label} for every item, checked as the answer service checks it. */
    private CheckedSubmission answered(IssuedRound round, String label, long takenUntilMillis, long playerId) {
        return answered(round, label, takenUntilMillis, playerId, System.currentTimeMillis());
    }

    private CheckedSubmission answered(IssuedRound round, String label, long takenUntilMillis, long playerId, long receivedAtMillis) {
        Project project = projects.find(round.projectId()).await().indefinitely().orElseThrow();
        List<SubmissionRequest.Answer> given = round.itemIds().stream().map(id -> new SubmissionRequest.Answer(id, label)).toList();
        return new CheckedSubmission(project, plugins.game(project.gameType()).orElseThrow().game(), playerId, round.roundId(),
                takenUntilMillis, receivedAtMillis, given, items.find(round.projectId(), round.itemIds()).await().indefinitely(), AnswerService.requestHash(given),
                java.util.Set.of());
    }

    private CheckedSubmission answered(IssuedRound round, String label) {
        RoundToken.Claims claims = tokens.verify(round.token()).orElseThrow();
        return answered(round, label, claims.expiresAtMillis(), claims.playerId());
    }

    /** Hands all submissions over at once, as concurrent requests would, and waits for every outcome. */
    private List<CompletableFuture<SubmissionWriter.Outcome>> commitAtOnce(List<CheckedSubmission> submissions) {
        List<CompletableFuture<SubmissionWriter.Outcome>> outcomes = new ArrayList<>();
        for (CheckedSubmission submission : submissions) {
            outcomes.add(groupCommit.commit(submission, fresh -> Uni.createFrom().voidItem()).subscribeAsCompletionStage());
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null).join();
        return outcomes;
    }

    private long answersOfRound(UUID roundId) {
        return pool.preparedQuery("select count(*) from answer where round_id = $1").execute(Tuple.of(roundId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private boolean submitted(UUID roundId) {
        return pool.preparedQuery("select 1 from round_submission where round_id = $1").execute(Tuple.of(roundId))
                .await().indefinitely().rowCount() == 1;
    }

    private DistributionSummary transactions() {
        return registry.find("aflow.answers.rounds.per.transaction").summary();
    }

    @Test
    void everyRoundOfASharedTransactionGetsItsOwnOutcome() throws Exception {
        IssuedRound first = issue();
        IssuedRound repeated = issue();
        IssuedRound changed = issue();
        IssuedRound late = issue();
        IssuedRound fresh = issue();
        IssuedRound alsoFresh = issue();
        JsonPath earlierReply = Api.submit(repeated.player(), repeated.roundId().toString(), repeated.token(),
                repeated.itemIds().stream().map(id -> Api.answer(id, "cat")).toList()).then().statusCode(200).extract().jsonPath();
        Api.submit(changed.player(), changed.roundId().toString(), changed.token(),
                changed.itemIds().stream().map(id -> Api.answer(id, "cat")).toList()).then().statusCode(200);
        long transactionsBefore = transactions().count();
        double roundsBefore = transactions().totalAmount();

        // The first goes alone; the five others queue behind it and go together.
        List<CompletableFuture<SubmissionWriter.Outcome>> outcomes = commitAtOnce(List.of(
                answered(first, "cat"),
                answered(repeated, "cat"),
                answered(changed, "dog"),
                answered(late, "cat", System.currentTimeMillis() - 1, tokens.verify(late.token()).orElseThrow().playerId()),
                answered(fresh, "dog"),
                answered(alsoFresh, "cat")));

        assertEquals(2, transactions().count() - transactionsBefore, "transactions for six rounds");
        assertEquals(6, transactions().totalAmount() - roundsBefore, 1e-9);

        SubmissionWriter.Replayed replayed = assertInstanceOf(SubmissionWriter.Replayed.class, outcomes.get(1).get());
        assertEquals(earlierReply.getInt("points"), replayed.result().points());
        assertEquals(earlierReply.getLong("totalPoints"), replayed.result().totalPoints());
        assertEquals(5, answersOfRound(repeated.roundId()), "a repeated round is not recorded twice");

        assertEquals(409, assertInstanceOf(SubmissionWriter.Refused.class, outcomes.get(2).get()).reason().status());
        assertEquals(410, assertInstanceOf(SubmissionWriter.Refused.class, outcomes.get(3).get()).reason().status());
        assertEquals(0, answersOfRound(late.roundId()));
        assertTrue(!submitted(late.roundId()), "a round refused for its lease stays unsubmitted");

        for (int i : new int[] {0, 4, 5}) {
            SubmissionWriter.Fresh committed = assertInstanceOf(SubmissionWriter.Fresh.class, outcomes.get(i).get());
            assertEquals(5, committed.recorded().result().answers().stream().filter(SubmissionResult.Outcome::accepted).count());
            assertEquals(5, committed.recorded().answered().size());
        }
        assertEquals(5, answersOfRound(fresh.roundId()));
        assertEquals(5, answersOfRound(alsoFresh.roundId()));
    }

    /**
     * Newcomers arriving together meet the same gold items (every item of their rounds is gold under the test profile, and
     * the project has three): their rounds still go into one transaction, each player's gold answers are taken and
     * marked, and each gold item counts every answer.
     */
    @Test
    void newcomersWhoseRoundsShareGoldItemsAreCommittedTogether() throws Exception {
        String researcher = Api.researcher();
        projectId = Api.project(researcher, 1, 1, 1.0, "cat", "dog");
        Api.upload(researcher, projectId, "text/csv", "id,text,gold\ng1,one,cat\ng2,two,cat\ng3,three,dog\n").then().statusCode(201);
        Api.itemsAndActivate(researcher, projectId, 10);
        IssuedRound first = issue();
        IssuedRound second = issue();
        IssuedRound third = issue();
        List<Long> gold = second.itemIds().stream().filter(third.itemIds()::contains).toList();
        assertEquals(3, gold.size(), "the second and third newcomers both meet the three gold items");
        long transactionsBefore = transactions().count();

        // The first goes alone; the two others queue behind it and go together.
        List<CompletableFuture<SubmissionWriter.Outcome>> outcomes = commitAtOnce(List.of(
                answered(first, "cat"), answered(second, "cat"), answered(third, "dog")));

        assertEquals(2, transactions().count() - transactionsBefore, "transactions for three rounds");
        for (int i = 0; i < 3; i++) {
            SubmissionResult result = assertInstanceOf(SubmissionWriter.Fresh.class, outcomes.get(i).get()).recorded().result();
            String label = i == 2 ? "dog" : "cat";
            for (SubmissionResult.Outcome answer : result.answers()) {
                assertTrue(answer.accepted(), "round " + i + ", item " + answer.itemId());
                if (gold.contains(answer.itemId())) {
                    assertEquals(answer.expected().equals(label), answer.correct(), "round " + i + ", gold item " + answer.itemId());
                }
            }
        }
        for (long itemId : gold) {
            assertEquals(3, pool.preparedQuery("select answer_count from item where id = $1").execute(Tuple.of(itemId))
                    .await().indefinitely().iterator().next().getInteger(0), "answers counted on gold item " + itemId);
        }
    }

    @Test
    void aRoundReceivedBeforeItsLeaseEndedIsRecordedThoughItsTransactionComesAfter() throws Exception {
        IssuedRound round = issue();
        long leaseEnd = System.currentTimeMillis() - 1_000;
        long playerId = tokens.verify(round.token()).orElseThrow().playerId();

        SubmissionWriter.Outcome outcome = commitAtOnce(List.of(answered(round, "cat", leaseEnd, playerId, leaseEnd - 1))).get(0).get();

        assertInstanceOf(SubmissionWriter.Fresh.class, outcome);
        assertEquals(5, answersOfRound(round.roundId()));
    }

    /**
     * A project's budget has no room for one round of a batch (a rebuilt index forgot the answers in flight that spent
     * it): that round is refused, and the batch's rounds of another project still go together, not one by one.
     */
    @Test
    void aRoundTheBudgetRefusesLeavesTheOtherProjectsRoundsOfItsBatchTogether() throws Exception {
        String researcher = Api.researcher();
        long budgeted = Api.budgetProject(researcher, 7);
        Api.itemsAndActivate(researcher, budgeted, 10);
        IssuedRound forgotten = issue(budgeted);
        LocalServices.flushRedis(); // the rebuilt index forgets the 5 answers in flight
        IssuedRound refused = issue(budgeted);
        Api.submit(forgotten.player(), forgotten.roundId().toString(), forgotten.token(),
                forgotten.itemIds().stream().map(id -> Api.answer(id, "cat")).toList()).then().statusCode(200); // 2 answers are left
        IssuedRound first = issue();
        IssuedRound b1 = issue();
        IssuedRound b2 = issue();
        IssuedRound b3 = issue();
        long transactionsBefore = transactions().count();

        // The first goes alone; the four others queue behind it and go together, until the budget refuses one of them.
        List<CompletableFuture<SubmissionWriter.Outcome>> outcomes = commitAtOnce(List.of(
                answered(first, "cat"), answered(b1, "cat"), answered(refused, "cat"), answered(b2, "dog"), answered(b3, "cat")));

        assertEquals(409, assertInstanceOf(SubmissionWriter.Refused.class, outcomes.get(2).get()).reason().status());
        assertEquals(0, answersOfRound(refused.roundId()));
        for (int i : new int[] {0, 1, 3, 4}) {
            assertInstanceOf(SubmissionWriter.Fresh.class, outcomes.get(i).get());
        }
        assertEquals(2, transactions().count() - transactionsBefore, "committed transactions: the first round's, then the other three's");
    }

    @Test
    void aRoundTheDatabaseRejectsFailsAloneAndTheOthersAreCommitted() throws Exception {
        IssuedRound first = issue();
        IssuedRound good = issue();
        IssuedRound rejected = issue();
        IssuedRound alsoGood = issue();
        long noSuchPlayer = Long.MAX_VALUE;

        List<CompletableFuture<SubmissionWriter.Outcome>> outcomes = commitAtOnce(List.of(
                answered(first, "cat"),
                answered(good, "cat"),
                answered(rejected, "cat", System.currentTimeMillis() + 60_000, noSuchPlayer),
                answered(alsoGood, "dog")));

        ExecutionException failure = assertThrows(ExecutionException.class, () -> outcomes.get(2).get());
        assertInstanceOf(PgException.class, failure.getCause());
        assertEquals(0, answersOfRound(rejected.roundId()));
        assertTrue(!submitted(rejected.roundId()));
        for (int i : new int[] {0, 1, 3}) {
            assertInstanceOf(SubmissionWriter.Fresh.class, outcomes.get(i).get());
        }
        assertEquals(5, answersOfRound(good.roundId()));
        assertEquals(5, answersOfRound(alsoGood.roundId()));
    }
}
