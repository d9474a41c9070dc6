package io.attentionflow.app.round;

import io.attentionflow.app.answer.AnswerRepository;
import io.attentionflow.app.project.ProjectRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Returns the items of rounds whose lease ran out. Before returning a round's items it asks PostgreSQL
 * whether the round was in fact submitted (its completion in Redis may have failed after the commit), so
 * answered items are never offered again. Safe to run on every node at once: each lease is ended once.
 */
@ApplicationScoped
public class LeaseReaper {

    private static final Logger LOG = Logger.getLogger(LeaseReaper.class);

    private final AllocationIndex index;
    private final ProjectRepository projects;
    private final AnswerRepository answers;
    private final RoundMetrics metrics;

    public LeaseReaper(AllocationIndex index, ProjectRepository projects, AnswerRepository answers, RoundMetrics metrics) {
        this.index = index;
        this.projects = projects;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Scheduled(every = "${aflow.rounds.reap-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reap() {
        return reapDue(System.currentTimeMillis())
                .onFailure().invoke(e -> LOG.warn("Returning expired leases failed; will retry", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Ends every lease due before {@code nowMillis} and returns how many rounds went back unanswered. */
    public Uni<Integer> reapDue(long nowMillis) {
        return index.projectsWithLeases()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(projectId -> reapProject(projectId, nowMillis))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> reapProject(long projectId, long nowMillis) {
        return index.dueLeases(projectId, nowMillis).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<UUID> roundIds = due.stream().map(UUID::fromString).toList();
            return projects.find(projectId).chain(project -> project.isEmpty() ? Uni.createFrom().item(0)
                    : answers.answeredInRounds(roundIds).chain(answered -> Multi.createFrom().iterable(roundIds)
                    .onItem().transformToUniAndConcatenate(roundId -> {
                        List<Long> done = answered.get(roundId);
                        if (done == null) {
                            metrics.leaseExpired();
                        }
                        Map<Long, AllocationIndex.AnsweredItem> answeredItems = new HashMap<>();
                        if (done != null) {
                            done.forEach(item -> answeredItems.put(item, AllocationIndex.unchanged()));
                        }
                        return index.complete(project.get(), roundId.toString(), answeredItems, List.of())
                                .replaceWith(done == null ? 1 : 0);
                    })
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))));
        });
    }
}
