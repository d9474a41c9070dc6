package io.attentionflow.app.project;

import io.attentionflow.app.plugin.PluginHost;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The projects open for play, for the lobby. */
@Path("/api/v1/lobby")
@Produces(MediaType.APPLICATION_JSON)
public class LobbyResource {

    /** A project open for play, as the lobby lists it. */
    public record LobbyEntry(long id, String name, String gameType, String title, String module, List<String> labels) {
    }

    private final ProjectRepository projects;
    private final PluginHost plugins;

    public LobbyResource(ProjectRepository projects, PluginHost plugins) {
        this.projects = projects;
        this.plugins = plugins;
    }

    /** Projects open for play, for the lobby; anyone may look. */
    @GET
    @PermitAll
    public Uni<List<LobbyEntry>> lobby() {
        return projects.active().map(active -> active.stream()
                .flatMap(p -> plugins.game(p.gameType()).stream()
                        .map(g -> new LobbyEntry(p.id(), p.name(), p.gameType(), g.game().title(), g.moduleUrl(), p.labels())))
                .toList());
    }
}
