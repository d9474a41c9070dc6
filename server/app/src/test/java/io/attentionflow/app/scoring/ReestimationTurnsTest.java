package io.attentionflow.app.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.app.Api;
import io.attentionflow.app.round.AllocationIndex;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReestimationTurnsTest {

    @Inject
    Reestimation reestimation;
    @Inject
    ReactiveRedisDataSource redis;

    private boolean due(long project, long answers) {
        return reestimation.due(project, answers).await().indefinitely();
    }

    /** What happens when the turn taken this period lapses, as it does just before the next one. */
    private void nextPeriod(long project) {
        redis.execute("DEL", AllocationIndex.key(project, "reestimation-turn")).await().indefinitely();
    }

    @Test
    void oneNodeReestimatesAProjectPerPeriodAndNoneWhileItsAnswersStayTheSame() {
        long project = 1_000_000_000L + System.nanoTime() % 1_000_000; // no project of the database, no clash between runs
        assertFalse(due(project, 0), "a project without answers has nothing to estimate");
        assertTrue(due(project, 12), "the first node to ask takes the period's turn");
        assertFalse(due(project, 12), "any other node asking in the same period leaves it");
        assertFalse(due(project, 15), "even if more answers came in meanwhile");

        reestimation.done(project, 12).await().indefinitely();
        nextPeriod(project);
        assertFalse(due(project, 12), "with the same answers as at the last re-estimation, no node redoes it");
        assertTrue(due(project, 15), "with new answers, the next period's first node does");
    }

    /** A project whose re-estimation fails (here, a damaged key) does not keep the projects after it from theirs. */
    @Test
    void aProjectThatCannotBeReestimatedDoesNotHoldBackTheOthers() throws InterruptedException {
        String researcher = Api.researcher();
        long broken = Api.project(researcher, 1, 10, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, broken, 5);
        redis.execute("HSET", AllocationIndex.key(broken, "reestimated-at"), "not", "a number").await().indefinitely();
        String first = Api.guest();
        Api.submitAll(first, Api.round(first, broken), "cat").then().statusCode(200);
        long project = Api.project(researcher, 1, 10, 0.99, "cat", "dog"); // after the broken one, in the order of the run
        Api.itemsAndActivate(researcher, project, 5);
        String player = Api.guest();
        Api.submitAll(player, Api.round(player, project), "dog").then().statusCode(200);
        nextPeriod(project);

        try {
            reestimation.reestimateChanged().await().indefinitely();
        } finally {
            redis.execute("DEL", AllocationIndex.key(broken, "reestimated-at")).await().indefinitely();
        }

        // The scheduled run may have taken this period's turn and still be at it: its record is waited for briefly.
        long reestimatedWith = 0;
        for (int attempt = 0; attempt < 50 && reestimatedWith != 5; attempt++) {
            var reestimatedAt = redis.execute("GET", AllocationIndex.key(project, "reestimated-at")).await().indefinitely();
            reestimatedWith = reestimatedAt == null ? 0 : reestimatedAt.toLong();
            if (reestimatedWith != 5) {
                Thread.sleep(100);
            }
        }
        assertEquals(5, reestimatedWith, "the project after the broken one was re-estimated with its 5 answers");
    }
}
