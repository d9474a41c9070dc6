package io.attentionflow.app.project;

import java.time.OffsetDateTime;
import java.util.List;

/** A researcher's campaign, as stored. */
public record Project(long id, long ownerId, String name, String gameType, List<String> labels, int minAnswers,
                      int maxAnswers, double targetConfidence, double goldRate, String method, Status status,
                      OffsetDateTime createdAt) {

    /** Where a project is in its life. */
    public enum Status {
        draft, active, paused, completed
    }

    public boolean isActive() {
        return status == Status.active;
    }
}
