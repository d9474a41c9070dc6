package io.attentionflow.app.answer;

import java.util.List;

/**
 * A player's answers to one round.
 *
 * @param token   the round's token, as issued with the round
 * @param answers one answer per item played; items left out count as skipped
 */
public record SubmissionRequest(String token, List<Answer> answers) {

    /** An answer to one item of the round. */
    public record Answer(Long itemId, String answer) {
    }
}
