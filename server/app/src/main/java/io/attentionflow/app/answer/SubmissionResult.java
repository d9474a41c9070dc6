package io.attentionflow.app.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * What a player is told once their answers are committed. Sending the same submission again returns this
 * same result.
 *
 * @param points      points earned by this round
 * @param totalPoints the player's points after this round
 */
public record SubmissionResult(UUID roundId, List<Outcome> answers, int points, long totalPoints) {

    /**
     * The fate of one answer.
     *
     * @param accepted whether it was recorded
     * @param reason   why not, when it was not
     * @param correct  for gold items: whether it matched the known answer
     * @param expected for gold items: the known answer, as feedback
     * @param objective for games with structured answers: the answer's objective value as the server computed it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(long itemId, String answer, boolean accepted, String reason, Boolean correct, String expected, Double objective) {
    }
}
