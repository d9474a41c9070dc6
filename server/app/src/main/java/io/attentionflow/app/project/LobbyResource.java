package io.attentionflow.app.project;

import io.attentionflow.app.export.ResultService;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.plugin.api.AnswerKind;
import jakarta.ws.rs.PathParam;
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
    public record LobbyEntry(long id, String name, String gameType, String title, String module, List<String> labels, boolean paired,
                             AnswerKind answerKind) {
    }

    private final ProjectRepository projects;
    private final PluginHost plugins;
    private final ResultService results;

    public LobbyResource(ProjectRepository projects, PluginHost plugins, ResultService results) {
        this.projects = projects;
        this.plugins = plugins;
        this.results = results;
    }

    /**
     * The best answer so far of every item of an active puzzle project (a game with structured answers),
     * with the AI helper's suggestion beside it: the board players try to beat. Anyone may look.
     */
    @GET
    @Path("{projectId}/best")
    @PermitAll
    public Uni<List<ResultService.BestAnswer>> best(@PathParam("projectId") long projectId) {
        return projects.find(projectId).chain(found -> {
            Project project = found.filter(Project::isActive)
                    .orElseThrow(() -> ApiException.notFound("projectId", "no active project " + projectId));
            boolean structured = plugins.game(project.gameType()).map(g -> g.game().answerKind() == AnswerKind.STRUCTURED).orElse(false);
            if (!structured) {
                throw ApiException.notFound("projectId", "project " + projectId + " is not a puzzle with scored answers");
            }
            return results.best(project).collect().asList();
        });
    }

    /** Projects open for play, for the lobby; anyone may look. */
    @GET
    @PermitAll
    public Uni<List<LobbyEntry>> lobby() {
        return projects.active().map(active -> active.stream()
                .flatMap(p -> plugins.game(p.gameType()).stream()
                        .map(g -> new LobbyEntry(p.id(), p.name(), p.gameType(), g.game().title(), g.moduleUrl(), p.labels(),
                                g.game().roundShape().paired(), g.game().answerKind())))
                .toList());
    }
}
