package io.attentionflow.app.round;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.item.ItemCache;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectCache;
import io.attentionflow.app.pairing.TagRepository;
import io.attentionflow.engine.allocation.GoldMixer;
import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.RoundShape;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** Issues rounds: claims items for a player in the shared index and signs a token for them. */
@ApplicationScoped
public class RoundService {

    private static final Logger LOG = Logger.getLogger(RoundService.class);

    private final ProjectCache projects;
    private final ItemCache items;
    private final PluginHost plugins;
    private final AllocationIndex index;
    private final RoundToken tokens;
    private final RoundMetrics metrics;
    private final AflowConfig config;
    private final TagRepository tags;

    /** The reserved item field in which text games receive the words they must not accept. */
    static final String TABOO = "taboo";

    public RoundService(ProjectCache projects, ItemCache items, PluginHost plugins, AllocationIndex index,
                        RoundToken tokens, RoundMetrics metrics, AflowConfig config, TagRepository tags) {
        this.tags = tags;
        this.projects = projects;
        this.items = items;
        this.plugins = plugins;
        this.index = index;
        this.tokens = tokens;
        this.metrics = metrics;
        this.config = config;
    }

    /** The next round of {@code projectId} for the player, or empty when no item needs this player now. */
    public Uni<Optional<RoundView>> next(long playerId, long projectId) {
        return playable(projectId).chain(project -> next(playerId, project));
    }

    /** The project if it exists, is open for play, and its game is installed. */
    public Uni<Project> playable(long projectId) {
        return projects.find(projectId)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("projectId", "no project " + projectId)))
                .invoke(project -> {
                    if (!project.isActive()) {
                        throw ApiException.conflict("projectId", "project " + projectId + " is " + project.status() + ", not open for play");
                    }
                    game(project);
                });
    }

    /** The next round of an open project for the player, or empty when no item needs this player now. */
    public Uni<Optional<RoundView>> next(long playerId, Project project) {
        PluginHost.InstalledGame game = game(project);
        RoundShape shape = game.game().roundShape();
        UUID roundId = UUID.randomUUID();
        long expiresAt = expiry(shape);
        return index.claim(project, playerId, shape.itemsPerRound(), goldDraw(project, shape.itemsPerRound()), roundId.toString(),
                        reservedUntil(expiresAt))
                .chain(claimed -> {
                    if (claimed.isEmpty()) {
                        metrics.roundUnserved();
                        return Uni.createFrom().item(Optional.<RoundView>empty());
                    }
                    return issue(project, game, roundId, playerId, expiresAt, claimed).map(Optional::of);
                });
    }

    /**
     * Until when the index keeps a round's items: answers are taken until the lease's grace ends, and may then wait up to
     * the answers' wait timeout for their transaction, so the lease reaper, which returns the items of rounds it finds
     * unsubmitted, comes only after both.
     */
    private long reservedUntil(long expiresAtMillis) {
        return expiresAtMillis + config.rounds().leaseGrace().toMillis() + config.answers().waitTimeout().toMillis();
    }

    /**
     * A round on the item of a partner's round, for paired games; empty when this player cannot take it
     * (they have seen it, or it is full).
     */
    public Uni<Optional<RoundView>> join(long playerId, Project project, long itemId) {
        PluginHost.InstalledGame game = game(project);
        UUID roundId = UUID.randomUUID();
        long expiresAt = expiry(game.game().roundShape());
        return index.join(project, playerId, itemId, roundId.toString(), reservedUntil(expiresAt))
                .chain(joined -> joined ? issue(project, game, roundId, playerId, expiresAt, List.of(itemId)).map(Optional::of)
                        : Uni.createFrom().item(Optional.<RoundView>empty()));
    }

    /**
     * The round the index leased, as the player sees it. Should it fail (its items or tags could not be read), the player
     * never learns of the round: its lease ends at once, so that its items and its share of the answer budget are handed
     * out again now rather than once the reaper finds the lease run out.
     */
    private Uni<RoundView> issue(Project project, PluginHost.InstalledGame game, UUID roundId, long playerId, long expiresAt,
                                 List<Long> claimed) {
        return view(project, game, roundId, playerId, expiresAt, claimed).onFailure().call(() -> withdraw(project, roundId));
    }

    /**
     * Ends the lease of a round that takes no answers (its player never got it, or the budget refused them), so that its
     * items and its share of the answer budget are handed out again now; should nothing of the budget be left, the
     * project completes. Should that fail, the reaper ends the lease once it runs out.
     */
    public Uni<Void> withdraw(Project project, UUID roundId) {
        return index.complete(project, roundId.toString(), Map.of(), List.of())
                .chain(spentOrInFlight -> projects.completeIfBudgetSpent(project, spentOrInFlight))
                .onFailure().invoke(e -> LOG.warnf(e, "The lease of round %s, which takes no answers, was not ended; the reaper will end it", roundId))
                .onFailure().recoverWithNull();
    }

    /**
     * How many gold items a round should mix in, for a newcomer and for a regular player, drawn slot by slot
     * with the engine's {@link GoldMixer} and the same draws for both, so a newcomer never gets less gold.
     */
    private AllocationIndex.GoldDraw goldDraw(Project project, int slots) {
        GoldMixer mixer = new GoldMixer(Math.max(config.gold().newcomerRate(), project.goldRate()), project.goldRate(),
                config.gold().newcomerItems());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int newcomer = 0;
        int regular = 0;
        for (int slot = 0; slot < slots; slot++) {
            double u = random.nextDouble();
            newcomer += mixer.serveGold(0, u) ? 1 : 0;
            regular += mixer.serveGold(mixer.newcomerAnswers(), u) ? 1 : 0;
        }
        return new AllocationIndex.GoldDraw(newcomer, regular, mixer.newcomerAnswers());
    }

    private PluginHost.InstalledGame game(Project project) {
        return plugins.game(project.gameType())
                .orElseThrow(() -> ApiException.conflict("gameType", "game type '" + project.gameType() + "' is not installed"));
    }

    private long expiry(RoundShape shape) {
        long leaseMillis = shape.leaseSeconds() * 1000L;
        leaseMillis = config.rounds().maxLease().map(max -> Math.min(max.toMillis(), shape.leaseSeconds() * 1000L)).orElse(leaseMillis);
        return System.currentTimeMillis() + leaseMillis;
    }

    private Uni<RoundView> view(Project project, PluginHost.InstalledGame game, UUID roundId, long playerId, long expiresAt, List<Long> claimed) {
        boolean text = game.game().answerKind() == AnswerKind.TEXT;
        Uni<Map<Long, List<String>>> taboo = text ? tags.agreed(claimed) : Uni.createFrom().item(Map.of());
        return items.find(project.id(), claimed).chain(found -> taboo.map(agreed -> {
            List<RoundView.RoundItem> roundItems = claimed.stream()
                    .map(found::get)
                    .filter(Objects::nonNull)
                    .map(item -> new RoundView.RoundItem(item.id(), withTaboo(item.fields(), agreed.get(item.id())),
                            item.aiAnswer() == null ? null : new RoundView.Suggestion(item.aiAnswer(), item.aiConfidence())))
                    .toList();
            String token = tokens.sign(new RoundToken.Claims(roundId, project.id(), playerId, expiresAt, claimed));
            metrics.roundIssued();
            return new RoundView(roundId, token, project.id(), project.gameType(), game.moduleUrl(), Instant.ofEpochMilli(expiresAt),
                    project.labels(), roundItems);
        }));
    }

    /** Text games: the item's agreed tags join any taboo words uploaded with it, comma-separated. */
    public static Map<String, String> withTaboo(Map<String, String> fields, List<String> agreed) {
        if (agreed == null || agreed.isEmpty()) {
            return fields;
        }
        Map<String, String> withTaboo = new java.util.HashMap<>(fields);
        String uploaded = fields.get(TABOO);
        withTaboo.put(TABOO, (uploaded == null || uploaded.isBlank() ? "" : uploaded + ",") + String.join(",", agreed));
        return withTaboo;
    }
}
