package io.attentionflow.app.round;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.item.ItemRepository;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRepository;
import io.attentionflow.plugin.api.RoundShape;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Issues rounds: claims items for a player in the shared index and signs a token for them. */
@ApplicationScoped
public class RoundService {

    private final ProjectRepository projects;
    private final ItemRepository items;
    private final PluginHost plugins;
    private final AllocationIndex index;
    private final RoundToken tokens;
    private final RoundMetrics metrics;
    private final AflowConfig config;

    public RoundService(ProjectRepository projects, ItemRepository items, PluginHost plugins, AllocationIndex index,
                        RoundToken tokens, RoundMetrics metrics, AflowConfig config) {
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
        return projects.find(projectId)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("projectId", "no project " + projectId)))
                .chain(project -> {
                    if (!project.isActive()) {
                        throw ApiException.conflict("projectId", "project " + projectId + " is " + project.status() + ", not open for play");
                    }
                    PluginHost.InstalledGame game = plugins.game(project.gameType())
                            .orElseThrow(() -> ApiException.conflict("gameType", "game type '" + project.gameType() + "' is not installed"));
                    RoundShape shape = game.game().roundShape();
                    UUID roundId = UUID.randomUUID();
                    long leaseMillis = shape.leaseSeconds() * 1000L;
                    leaseMillis = config.rounds().maxLease().map(max -> Math.min(max.toMillis(), shape.leaseSeconds() * 1000L)).orElse(leaseMillis);
                    long expiresAt = System.currentTimeMillis() + leaseMillis;
                    long returnAt = expiresAt + config.rounds().leaseGrace().toMillis();
                    return index.claim(project, playerId, shape.itemsPerRound(), roundId.toString(), returnAt)
                            .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(Optional.<RoundView>empty())
                                    : view(project, game, roundId, playerId, expiresAt, claimed).map(Optional::of));
                });
    }

    private Uni<RoundView> view(Project project, PluginHost.InstalledGame game, UUID roundId, long playerId, long expiresAt, List<Long> claimed) {
        return items.find(project.id(), claimed).map(found -> {
            List<RoundView.RoundItem> roundItems = claimed.stream()
                    .map(found::get)
                    .filter(Objects::nonNull)
                    .map(item -> new RoundView.RoundItem(item.id(), item.fields(),
                            item.aiAnswer() == null ? null : new RoundView.Suggestion(item.aiAnswer(), item.aiConfidence())))
                    .toList();
            String token = tokens.sign(new RoundToken.Claims(roundId, project.id(), playerId, expiresAt, claimed));
            metrics.roundIssued();
            return new RoundView(roundId, token, project.id(), project.gameType(), game.moduleUrl(), Instant.ofEpochMilli(expiresAt),
                    project.labels(), roundItems);
        });
    }
}
