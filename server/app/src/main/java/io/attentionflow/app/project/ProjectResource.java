package io.attentionflow.app.project;

import io.attentionflow.app.item.ItemService;
import io.attentionflow.app.security.Caller;
import io.attentionflow.app.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The researcher's projects: create, upload items, activate, follow progress. */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService service;
    private final ItemService items;
    private final SecurityIdentity identity;

    public ProjectResource(ProjectService service, ItemService items, SecurityIdentity identity) {
        this.service = service;
        this.items = items;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<Response> create(ProjectRequest request, @HeaderParam("Idempotency-Key") String requestKey) {
        return service.create(Caller.id(identity), request, requestKey)
                .map(project -> Response.created(URI.create("/api/v1/projects/" + project.id())).entity(project).build());
    }

    @GET
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<List<Project>> list() {
        return service.ownedBy(Caller.id(identity));
    }

    @GET
    @Path("{projectId}")
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<Project> get(@PathParam("projectId") long projectId) {
        return service.owned(Caller.id(identity), projectId);
    }

    /**
     * Adds items from CSV ({@code text/csv}: a header with {@code id}, the game's fields and optionally
     * {@code gold}) or JSON Lines ({@code application/jsonl} or {@code application/x-ndjson}: one object per
     * line with the same keys). All or nothing: one bad row refuses the whole upload.
     */
    @POST
    @Path("{projectId}/items")
    @Consumes({"text/csv", "application/jsonl", "application/x-ndjson"})
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<Response> upload(@PathParam("projectId") long projectId, @HeaderParam("Content-Type") String contentType, String body) {
        return service.owned(Caller.id(identity), projectId)
                .chain(project -> items.upload(project, contentType, body))
                .map(added -> Response.status(Response.Status.CREATED).entity(added).build());
    }

    @POST
    @Path("{projectId}/activate")
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<Project> activate(@PathParam("projectId") long projectId) {
        return service.activate(Caller.id(identity), projectId);
    }

    @POST
    @Path("{projectId}/pause")
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<Project> pause(@PathParam("projectId") long projectId) {
        return service.pause(Caller.id(identity), projectId);
    }

    @GET
    @Path("{projectId}/progress")
    @RolesAllowed(Roles.RESEARCHER)
    public Uni<ProjectService.Progress> progress(@PathParam("projectId") long projectId) {
        return service.progress(Caller.id(identity), projectId);
    }
}
