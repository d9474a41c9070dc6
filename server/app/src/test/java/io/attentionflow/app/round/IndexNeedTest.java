package io.attentionflow.app.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.attentionflow.app.project.Project;
import io.attentionflow.engine.allocation.MajorityNeed;
import io.attentionflow.engine.allocation.Need;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The need the shared index ranks a majority-vote project's items by, for a typical player. */
class IndexNeedTest {

    @Test
    void aLeadOfOneCountsAsAPairOnlyWhereTheProjectsCapLeavesRoomForTwoAnswers() {
        double[] belief = {0.8, 0.2};
        int[] votes = {2, 1}; // one more answer may tie it; only a pair settles it
        double roomForSeven = AllocationIndex.need(majorityVote(10), belief, votes);
        double roomForOne = AllocationIndex.need(majorityVote(4), belief, votes);
        double entropyTermOnly = MajorityNeed.TIE_BREAK * Need.of(belief, 0, 2, Need.oneCoin(2, AllocationIndex.TYPICAL_ACCURACY), 0);
        assertEquals(entropyTermOnly, roomForOne, 1e-12, "at three answers of four, the pair it would take cannot happen");
        assertTrue(roomForSeven > 10 * roomForOne, "room for seven: " + roomForSeven + ", for one: " + roomForOne);
    }

    private static Project majorityVote(int maxAnswers) {
        return new Project(1, 1, "Cats", "label-rush", List.of("cat", "dog"), 1, maxAnswers, 0.999, 0, "mv", Project.Policy.need, null,
                Project.Status.active, OffsetDateTime.now());
    }
}
