package io.attentionflow.app.answer;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import java.util.List;

/**
 * A round's answers refused because PostgreSQL found no room for them in the project's answer budget: a rebuilt index
 * forgot rounds in flight whose answers came anyway, and took the budget they held. Nothing of the round was recorded.
 */
final class BudgetSpent extends ApiException {

    private static final String REASON = "the project's answer budget was spent before these answers arrived";

    private final long projectId;

    BudgetSpent(long projectId) {
        super(409, "Conflict", REASON, List.of(FieldError.of("answers", REASON)));
        this.projectId = projectId;
    }

    /** The project whose budget had no room. */
    long projectId() {
        return projectId;
    }
}
