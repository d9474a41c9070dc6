package io.attentionflow.app.project;

import java.util.List;

/**
 * What a researcher sends to create a project. Missing numbers take the documented defaults.
 *
 * @param name             shown to players, 1..200 characters
 * @param gameType         id of an installed game type, e.g. {@code label-rush}
 * @param labels           2..50 distinct answer labels
 * @param minAnswers       answers every item gets before it may retire on confidence (default 3)
 * @param maxAnswers       answers after which an item retires whatever its confidence (default 5)
 * @param targetConfidence confidence at which an item with at least minAnswers retires (default 0.95)
 * @param goldRate         share of rounds' items drawn from gold items (default 0.1)
 * @param method           aggregation method (default {@code default})
 * @param policy           allocation policy: need (default), breadth, fixed or random
 * @param answerBudget     answers the project may spend in all, gold included (default: no limit)
 */
public record ProjectRequest(String name, String gameType, List<String> labels, Integer minAnswers, Integer maxAnswers,
                             Double targetConfidence, Double goldRate, String method, String policy, Long answerBudget) {
}
