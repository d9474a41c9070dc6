package io.attentionflow.app.round;

import io.attentionflow.app.security.Caller;
import io.attentionflow.app.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A player asks for the next round of a project: 201 with the round, or 204 when nothing needs them now. */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class RoundResource {

    private final RoundService rounds;
    private final SecurityIdentity identity;

    public RoundResource(RoundService rounds, SecurityIdentity identity) {
        this.rounds = rounds;
        this.identity = identity;
    }

    @POST
    @Path("{projectId}/rounds")
    @RolesAllowed(Roles.PLAYER)
    public Uni<Response> next(@PathParam("projectId") long projectId) {
        return rounds.next(Caller.id(identity), projectId)
                .map(round -> round.map(r -> Response.status(Response.Status.CREATED).entity(r).build())
                        .orElseGet(() -> Response.noContent().build()));
    }
}
