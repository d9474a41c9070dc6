package io.attentionflow.app.scoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
