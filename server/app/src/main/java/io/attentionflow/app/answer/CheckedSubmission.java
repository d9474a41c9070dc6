package io.attentionflow.app.answer;

import io.attentionflow.app.item.ItemRepository.StoredItem;
import io.attentionflow.app.project.Project;
import io.attentionflow.plugin.api.GameType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A round's answers that passed every check that needs no lock: the token is valid and the player's, every
 * answer is to an item of the round and well-formed for its game. What is left to decide (is the round
 * still leased, was it submitted before, does each item still take answers) is decided in the transaction.
 *
 * @param takenUntilMillis  until when the round's answers are taken: its lease's end, plus the grace for which the
 *                          index keeps its items reserved
 * @param receivedAtMillis  when the server received the answers: a round received in time is recorded however long it
 *                          then waits for its transaction
 * @param given           the answers, each to a different item
 * @param stored          the round's items by id
 * @param requestHash     hash of the answers, to tell a repeated submission from a different one
 * @param agreed          for output-agreement games, the items whose tag a partner agreed with
 */
record CheckedSubmission(Project project, GameType game, long playerId, UUID roundId, long takenUntilMillis,
                         long receivedAtMillis, List<SubmissionRequest.Answer> given, Map<Long, StoredItem> stored, byte[] requestHash,
                         Set<Long> agreed) {
}
