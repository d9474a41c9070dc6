package io.attentionflow.app.round;

import io.attentionflow.app.answer.AnswerRepository;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectCache;
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
 * whether the round was in fact submitted (its completion in Redis may have failed after the commit): then it
 * does what that completion would have done, so answered items are never offered again, retired ones leave the
 * pool, and a project whose budget the round spent completes. Safe to run on every node at once: each lease is
 * ended once. The reaper looks at the projects a claim listed; less often it looks for leases in every project that
 * may hold some, so a lease whose listing was lost is returned too.
 */
@ApplicationScoped
public class LeaseReaper {

    private static final Logger LOG = Logger.getLogger(LeaseReaper.class);

    private final AllocationIndex index;
    private final ProjectCache projects;
    private final ProjectRepository storedProjects;
    private final AnswerRepository answers;
    private final ItemRepository items;
    private final RoundMetrics metrics;

    public LeaseReaper(AllocationIndex index, ProjectCache projects, ProjectRepository storedProjects, AnswerRepository answers,
            ItemRepository items, RoundMetrics metrics) {
        this.index = index;
        this.projects = projects;
        this.storedProjects = storedProjects;
        this.answers = answers;
        this.items = items;
        this.metrics = metrics;
    }

    @Scheduled(every = "${aflow.rounds.reap-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reap() {
        return reapDue(System.currentTimeMillis())
                .onFailure().invoke(e -> LOG.warn("Returning expired leases failed; will retry", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "${aflow.rounds.lease-sweep-every:60s}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return listUnwatchedLeases()
                .onFailure().invoke(e -> LOG.warn("Looking for leases the reaper does not watch failed; will retry", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Lists for the reaper every active or paused project that holds leases and was not listed (its claim's node
     * stopped, or lost Redis, between leasing and listing), and returns how many there were.
     */
    public Uni<Integer> listUnwatchedLeases() {
        return storedProjects.activeOrPausedIds()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(projectId -> index.listIfLeased(projectId)
                        .invoke(listed -> {
                            if (listed) {
                                LOG.warnf("Project %d held leases the reaper did not watch; they will be returned when due", projectId);
                            }
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(listed -> listed ? 1 : 0));
    }

    /**
     * Ends every lease due before {@code nowMillis} and returns how many rounds went back unanswered. A project that fails
     * (a store that did not answer in time, a damaged key) is tried again on the next run, and does not hold back the
     * others' leases meanwhile.
     */
    public Uni<Integer> reapDue(long nowMillis) {
        return index.projectsWithLeases()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(projectId -> reapProject(projectId, nowMillis)
                        .onFailure().invoke(e -> LOG.warnf(e, "Returning the expired leases of project %d failed; will retry", projectId))
                        .onFailure().recoverWithItem(0))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> reapProject(long projectId, long nowMillis) {
        return index.dueLeases(projectId, nowMillis).chain(due -> {
            if (due.isEmpty()) {
                return projects.find(projectId).chain(project -> project.isEmpty() || !project.get().isActive()
                        ? index.forgetIfNoLeases(projectId)
                        // an answer's completion of the project may have failed after its lease ended: done again here
                        : index.spent(projectId).chain(spent -> projects.completeIfBudgetSpent(project.get(), spent))).replaceWith(0);
            }
            List<UUID> roundIds = due.stream().map(UUID::fromString).toList();
            return projects.find(projectId).chain(project -> project.isEmpty() ? Uni.createFrom().item(0)
                    : answers.submittedRounds(roundIds).chain(submitted -> Multi.createFrom().iterable(roundIds)
                    .onItem().transformToUniAndConcatenate(roundId -> end(project.get(), roundId, submitted.get(roundId)))
                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))));
        });
    }

    /**
     * Ends one round's lease: an unsubmitted round's items go back (1 is returned); a submitted round's answered
     * items take their state from PostgreSQL, those that retired leave the pool, and a spent budget completes the
     * project, as the round's own completion would have done had it reached Redis.
     */
    private Uni<Integer> end(Project project, UUID roundId, AnswerRepository.SubmittedRound submitted) {
        if (submitted == null) {
            metrics.leaseExpired();
            return index.reap(project, roundId.toString(), Map.of(), List.of()).replaceWith(1);
        }
        return items.current(project.id(), submitted.answered(), project.reportsMajority())
                .chain(current -> {
                    Map<Long, AllocationIndex.AnsweredItem> answered = new HashMap<>();
                    current.forEach(item -> answered.put(item.id(), AllocationIndex.answered(project, item)));
                    return index.reap(project, roundId.toString(), answered, submitted.retired());
                })
                .chain(spentOrInFlight -> projects.completeIfBudgetSpent(project, spentOrInFlight))
                .replaceWith(0);
    }
}
