package io.attentionflow.app.researcher;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.security.Roles;
import io.attentionflow.app.security.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The administrator registers researchers; each gets a bearer token shown once. */
@Path("/api/v1/admin/researchers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResearcherResource {

    /** Who to register. */
    public record NewResearcher(String name) {
    }

    /** A registered researcher and their token; the token is not stored in clear and cannot be shown again. */
    public record Registered(long researcherId, String name, String token) {
    }

    private final ResearcherService researchers;

    public ResearcherResource(ResearcherService researchers) {
        this.researchers = researchers;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> register(NewResearcher request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("name", "must be 1 to 200 characters");
        }
        String token = Tokens.newToken();
        return researchers.register(request.name().strip(), token)
                .map(id -> Response.status(Response.Status.CREATED).entity(new Registered(id, request.name().strip(), token)).build());
    }
}
