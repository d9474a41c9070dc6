package io.attentionflow.app.scoring;

import io.attentionflow.app.export.ResultService;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.engine.inference.Methods;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The full re-estimation that runs in the background: for each active project whose answers changed, run
 * the project's truth-inference method on all its answers and store every player's accuracy. The answer
 * path then weighs each new answer by these accuracies when it updates an item's posterior.
 */
@ApplicationScoped
public class Reestimation {

    private static final Logger LOG = Logger.getLogger(Reestimation.class);

    private final ProjectRepository projects;
    private final ResultService results;
    private final Pool pool;
    /** Answers each project had at its last re-estimation on this node. */
    private final Map<Long, Long> answersSeen = new ConcurrentHashMap<>();

    public Reestimation(ProjectRepository projects, ResultService results, Pool pool) {
        this.projects = projects;
        this.results = results;
        this.pool = pool;
    }

    @Scheduled(every = "${aflow.scoring.reestimate-every:60s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reestimateChanged() {
        return projects.active()
                .onItem().transformToMulti(active -> Multi.createFrom().iterable(active))
                .onItem().transformToUniAndConcatenate(project -> projects.counts(project.id()).chain(counts -> {
                    if (counts.answers() == 0 || answersSeen.getOrDefault(project.id(), -1L) == counts.answers()) {
                        return Uni.createFrom().voidItem();
                    }
                    answersSeen.put(project.id(), counts.answers());
                    return reestimate(project);
                }))
                .collect().last()
                .onFailure().invoke(e -> LOG.warn("Re-estimation failed; will retry", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Re-estimates one project now and stores its players' accuracies. */
    public Uni<Void> reestimate(Project project) {
        return results.aggregate(project, Methods.byName(project.method()).orElseThrow()).chain(r -> {
            int workers = r.players().size();
            if (workers == 0) {
                return Uni.createFrom().voidItem();
            }
            Long[] players = r.players().toArray(Long[]::new);
            Double[] accuracies = new Double[workers];
            for (int w = 0; w < workers; w++) {
                accuracies[w] = Math.max(0, Math.min(1, r.inference().workerAccuracy(w)));
            }
            return pool.preparedQuery("insert into player_reliability (project_id, player_id, accuracy, answers) "
                            + "select $1, p, a, (select count(*) from answer where project_id = $1 and player_id = p) "
                            + "from unnest($2::bigint[], $3::float8[]) as t(p, a) "
                            + "on conflict (project_id, player_id) do update set accuracy = excluded.accuracy, answers = excluded.answers")
                    .execute(Tuple.of(project.id(), players, accuracies))
                    .invoke(() -> LOG.debugf("Re-estimated %d players of project %d with %s", workers, project.id(), r.method()))
                    .replaceWithVoid();
        });
    }
}
