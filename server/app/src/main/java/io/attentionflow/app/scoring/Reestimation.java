package io.attentionflow.app.scoring;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.export.ResultService;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.engine.allocation.Need;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.engine.inference.OneCoinAccuracies;
import io.attentionflow.engine.inference.TruthInference;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The full re-estimation that runs in the background: for each active project whose answers changed, run
 * the project's truth-inference method on all its answers and store every player's accuracy and confusion
 * matrix. The answer path then weighs each new answer by these accuracies when it updates an item's
 * posterior, and the allocation index matches players to items by their confusion matrices.
 */
@ApplicationScoped
public class Reestimation {

    private static final Logger LOG = Logger.getLogger(Reestimation.class);

    /** Answers per label a player gives before their own confusion matrix is trusted. */
    static final int ANSWERS_PER_LABEL = 5;
    /** No player is taken to be infallible: their answers would end every item they touch. */
    static final double MAX_ACCURACY = 0.99;

    private final ProjectRepository projects;
    private final ResultService results;
    private final Reliabilities reliabilities;
    private final AllocationIndex index;
    private final ReactiveRedisDataSource redis;
    private final Duration every;

    public Reestimation(ProjectRepository projects, ResultService results, Reliabilities reliabilities, AllocationIndex index,
                        ReactiveRedisDataSource redis, AflowConfig config) {
        this.projects = projects;
        this.results = results;
        this.reliabilities = reliabilities;
        this.index = index;
        this.redis = redis;
        this.every = config.scoring().reestimateEvery();
    }

    @Scheduled(every = "${aflow.scoring.reestimate-every:60s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reestimateChanged() {
        return projects.active()
                .onItem().transformToMulti(active -> Multi.createFrom().iterable(active))
                // Games without labels (structured answers) have no truth to infer and no one to weigh.
                .select().where(project -> project.labels().size() >= 2)
                .onItem().transformToUniAndConcatenate(project -> projects.counts(project.id()).chain(counts ->
                        due(project.id(), counts.answers()).chain(due -> due
                                ? reestimate(project).chain(() -> done(project.id(), counts.answers()))
                                : Uni.createFrom().voidItem()))
                        // One project that fails is tried again next period; the others go on meanwhile.
                        .onFailure().invoke(e -> LOG.warnf(e, "Re-estimating project %d failed; will retry", project.id()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .onFailure().invoke(e -> LOG.warn("Re-estimation failed; will retry", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Whether this node should re-estimate the project now, with {@code answers} answers: it has answers, they
     * changed since the last re-estimation on any node, and no other node has taken this period's turn. The
     * turn is a Redis key that lapses just before the next period, so every node may take the next one; with N
     * nodes the work is done once per period, not N times.
     */
    Uni<Boolean> due(long projectId, long answers) {
        if (answers == 0) {
            return Uni.createFrom().item(false);
        }
        return redis.execute("GET", AllocationIndex.key(projectId, "reestimated-at")).chain(last -> {
            if (last != null && last.toLong() == answers) {
                return Uni.createFrom().item(false);
            }
            long turnMillis = Math.max(1, every.toMillis() * 9 / 10);
            return redis.execute("SET", AllocationIndex.key(projectId, "reestimation-turn"), "1", "NX", "PX", Long.toString(turnMillis))
                    .map(taken -> taken != null);
        });
    }

    /** Records that the project was re-estimated with {@code answers} answers, for every node to see. */
    Uni<Void> done(long projectId, long answers) {
        return redis.execute("SET", AllocationIndex.key(projectId, "reestimated-at"), Long.toString(answers)).replaceWithVoid();
    }

    /**
     * Re-estimates one project now, stores its players' reliabilities and hands them to the allocation index,
     * which sends each player where their answers tell most.
     */
    public Uni<Void> reestimate(Project project) {
        TruthInference method = Methods.byName(project.method()).orElseThrow();
        return results.aggregate(project, method).chain(r -> {
            if (r.players().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            double[] accuracies = OneCoinAccuracies.forWeighing(method, r.inference(), r.answers(), null, r.gold());
            List<Reliabilities.PlayerReliability> estimated = new ArrayList<>();
            for (int w = 0; w < r.players().size(); w++) {
                double accuracy = accuracies[w];
                estimated.add(new Reliabilities.PlayerReliability(r.players().get(w), accuracy, r.answersPerPlayer()[w],
                        confusion(r.inference(), w, accuracy, r.answersPerPlayer()[w])));
            }
            return reliabilities.save(project.id(), estimated)
                    .chain(() -> index.setReliabilities(project, estimated))
                    .invoke(() -> LOG.debugf("Re-estimated %d players of project %d with %s", estimated.size(), project.id(), r.method()));
        });
    }

    /**
     * The player's confusion matrix: the method's own estimate once the player has given
     * {@value #ANSWERS_PER_LABEL} answers per label (fewer leave most cells at their smoothing prior) and every
     * cell is a number, otherwise the one-coin matrix of the player's accuracy. An accuracy below chance counts as chance: with so few
     * answers that is noise, not a reliable liar.
     */
    static double[] confusion(InferenceResult inference, int worker, double accuracy, int answers) {
        int labels = inference.labelCount();
        if (inference.hasConfusion() && answers >= ANSWERS_PER_LABEL * labels) {
            double[] matrix = new double[labels * labels];
            boolean finite = true;
            for (int t = 0; t < labels; t++) {
                for (int g = 0; g < labels; g++) {
                    matrix[t * labels + g] = inference.confusion(worker, t, g);
                    finite &= Double.isFinite(matrix[t * labels + g]);
                }
            }
            if (finite) {
                return matrix;
            }
        }
        return Need.oneCoin(labels, Math.max(1.0 / labels, Math.min(MAX_ACCURACY, accuracy)));
    }
}
