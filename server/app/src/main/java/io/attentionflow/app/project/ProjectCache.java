package io.attentionflow.app.project;

import io.attentionflow.app.cluster.NodeChannels;
import io.attentionflow.app.round.AllocationIndex;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Projects as the play path sees them. Every round and every answer needs its project, and a project
 * changes only when its status does (activated, paused, completed), so reading it from PostgreSQL on each
 * request was a statement per request for nothing. A status change goes through here: it drops the
 * project on this node at once and, through Redis pub/sub, on every other node within milliseconds. A
 * remembered project is read again after {@link #MAX_AGE_NANOS} all the same, so a lost message (a Redis
 * restart, a node that was not subscribed yet) or a read that raced with the change delays it by at most that.
 */
@Startup
@ApplicationScoped
public class ProjectCache {

    private static final Logger LOG = Logger.getLogger(ProjectCache.class);
    static final String CHANGED_CHANNEL = "aflow:project-changed";
    static final long MAX_AGE_NANOS = 2_000_000_000L;
    private static final int REMEMBERED_PROJECTS = 10_000;

    private record Remembered(Optional<Project> project, long readAtNanos) {
    }

    private final ProjectRepository projects;
    private final NodeChannels channels;
    private final AllocationIndex index;
    private final ConcurrentHashMap<Long, Remembered> remembered = new ConcurrentHashMap<>();

    ProjectCache(ProjectRepository projects, NodeChannels channels, AllocationIndex index) {
        this.projects = projects;
        this.channels = channels;
        this.index = index;
    }

    @PostConstruct
    void listen() {
        channels.listen(CHANGED_CHANNEL, remembered::remove, remembered::clear);
    }

    /** The project, read from PostgreSQL at most {@link #MAX_AGE_NANOS} ago and unchanged since as far as any node knows. */
    public Uni<Optional<Project>> find(long id) {
        long now = System.nanoTime();
        Remembered hit = remembered.get(id);
        if (hit != null && now - hit.readAtNanos() < MAX_AGE_NANOS) {
            return Uni.createFrom().item(hit.project());
        }
        return projects.find(id).invoke(found -> {
            if (remembered.size() >= REMEMBERED_PROJECTS) {
                remembered.clear();
            }
            remembered.put(id, new Remembered(found, now));
        });
    }

    public Uni<Project> setStatus(long id, Project.Status status) {
        return projects.setStatus(id, status).call(() -> changed(id));
    }

    /**
     * Completes an active project whose answer budget is spent: its results are final and it leaves the lobby.
     * PostgreSQL is asked (a count over the project's items) only once {@code spentOrInFlight}, the answers the
     * allocation index holds against the budget, reaches it.
     */
    public Uni<Void> completeIfBudgetSpent(Project project, long spentOrInFlight) {
        if (project.answerBudget() == null || spentOrInFlight < project.answerBudget()) {
            return Uni.createFrom().voidItem();
        }
        return projects.counts(project.id()).chain(counts -> counts.answers() < project.answerBudget() ? Uni.createFrom().voidItem()
                : projects.completeIfActive(project.id()).chain(completed -> {
                    if (!completed) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("Project %d spent its budget of %d answers and is completed", project.id(), project.answerBudget());
                    // In the background: it scans Redis, and the answer that completed the project waits for nothing.
                    index.expireCompleted(project.id()).subscribe().with(done -> { },
                            e -> LOG.warnf(e, "Project %d: its index was not set to expire", project.id()));
                    return changed(project.id());
                }));
    }

    private Uni<Void> changed(long id) {
        remembered.remove(id);
        return channels.publish(CHANGED_CHANNEL, id)
                .onFailure().invoke(e -> LOG.warnf(e, "Other nodes were not told that project %d changed; they see it within %d s", id,
                        MAX_AGE_NANOS / 1_000_000_000L))
                .onFailure().recoverWithNull();
    }
}
