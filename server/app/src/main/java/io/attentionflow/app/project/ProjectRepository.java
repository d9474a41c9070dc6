package io.attentionflow.app.project;

import io.attentionflow.app.persistence.BoundedReads;
import io.attentionflow.app.persistence.BoundedWrites;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Projects in PostgreSQL. Its reads, and the writes requests wait on, are bounded ({@link BoundedReads},
 * {@link BoundedWrites}); a completion is not (see {@link #completeIfActive}).
 */
@ApplicationScoped
public class ProjectRepository {

    private static final String COLUMNS = "id, owner_id, name, game_type, labels, min_answers, max_answers, "
            + "target_confidence, gold_rate, method, policy, answer_budget, status, created_at";

    /** Counts that make up a project's progress. */
    public record Counts(long items, long retired, long answers, long goldItems) {
    }

    private final Pool pool;
    private final BoundedReads reads;
    private final BoundedWrites writes;

    public ProjectRepository(Pool pool, BoundedReads reads, BoundedWrites writes) {
        this.pool = pool;
        this.reads = reads;
        this.writes = writes;
    }

    /**
     * Stores a new draft project, unless {@code requestKey} (the request's Idempotency-Key, or null) created one of this
     * owner's projects already: that project is returned then, and the caller checks that it is the one asked for.
     */
    public Uni<Project> insert(long ownerId, String name, String gameType, List<String> labels, int minAnswers,
                               int maxAnswers, double targetConfidence, double goldRate, String method, Project.Policy policy,
                               Long answerBudget, String requestKey) {
        Uni<Project> inserted = pool.preparedQuery("insert into project (owner_id, name, game_type, labels, min_answers, max_answers, "
                        + "target_confidence, gold_rate, method, policy, answer_budget, request_key, status) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'draft') "
                        + "on conflict (owner_id, request_key) where request_key is not null do nothing returning " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(ownerId, name, gameType, labels.toArray(String[]::new), minAnswers, maxAnswers,
                        targetConfidence, goldRate, method, policy.name(), answerBudget, requestKey)))
                .chain(rows -> rows.iterator().hasNext() ? Uni.createFrom().item(map(rows.iterator().next()))
                        : pool.preparedQuery("select " + COLUMNS + " from project where owner_id = $1 and request_key = $2")
                                .execute(Tuple.of(ownerId, requestKey))
                                .map(found -> map(found.iterator().next())));
        return writes.bounded(inserted, "a new project");
    }

    public Uni<Optional<Project>> find(long id) {
        return reads.bounded(pool.preparedQuery("select " + COLUMNS + " from project where id = $1").execute(Tuple.of(id)), "project " + id)
                .map(ProjectRepository::first);
    }

    public Uni<List<Project>> ownedBy(long ownerId) {
        return reads.bounded(pool.preparedQuery("select " + COLUMNS + " from project where owner_id = $1 order by id").execute(Tuple.of(ownerId)),
                        "the projects of researcher " + ownerId)
                .map(ProjectRepository::all);
    }

    public Uni<List<Project>> active() {
        return reads.bounded(pool.query("select " + COLUMNS + " from project where status = 'active' order by id").execute(), "the active projects")
                .map(ProjectRepository::all);
    }

    /** Projects whose rounds may hold leases: those open for play, and those paused while rounds were out. */
    public Uni<List<Long>> activeOrPausedIds() {
        return reads.bounded(pool.query("select id from project where status in ('active', 'paused') order by id").execute(),
                        "the active and paused projects")
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    /** Through {@link ProjectCache#setStatus}, which tells every node. */
    Uni<Project> setStatus(long id, Project.Status status) {
        return writes.bounded(pool.preparedQuery("update project set status = $2 where id = $1 returning " + COLUMNS)
                        .execute(Tuple.of(id, status.name())), "project " + id + "'s status")
                .map(rows -> map(rows.iterator().next()));
    }

    /** Marks an active project completed (its budget is spent); false if it was not active. */
    Uni<Boolean> completeIfActive(long id) {
        // Not bounded: what follows a completion (its index set to expire, the other nodes told) runs only where this
        // update changed the row, so one that timed out and committed late would leave both undone for good.
        return pool.preparedQuery("update project set status = 'completed' where id = $1 and status = 'active'")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Counts> counts(long projectId) {
        return reads.bounded(pool.preparedQuery("select count(*) as items, count(*) filter (where retired) as retired, "
                        + "coalesce(sum(answer_count), 0) as answers, count(*) filter (where gold is not null) as gold "
                        + "from item where project_id = $1")
                .execute(Tuple.of(projectId)), "project " + projectId + "'s counts")
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Counts(row.getLong("items"), row.getLong("retired"), row.getLong("answers"), row.getLong("gold"));
                });
    }

    private static Optional<Project> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
    }

    private static List<Project> all(RowSet<Row> rows) {
        List<Project> projects = new ArrayList<>();
        rows.forEach(row -> projects.add(map(row)));
        return projects;
    }

    private static Project map(Row row) {
        return new Project(row.getLong("id"), row.getLong("owner_id"), row.getString("name"), row.getString("game_type"),
                Arrays.asList(row.getArrayOfStrings("labels")), row.getInteger("min_answers"), row.getInteger("max_answers"),
                row.getDouble("target_confidence"), row.getDouble("gold_rate"), row.getString("method"),
                Project.Policy.valueOf(row.getString("policy")), row.getLong("answer_budget"), Project.Status.valueOf(row.getString("status")), row.getOffsetDateTime("created_at"));
    }
}
