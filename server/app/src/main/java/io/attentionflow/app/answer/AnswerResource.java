package io.attentionflow.app.answer;

import io.attentionflow.app.security.Caller;
import io.attentionflow.app.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** A player sends the answers of a round; the reply comes only after they are committed. */
@Path("/api/v1/rounds/{roundId}/answers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnswerResource {

    private final AnswerService answers;
    private final SecurityIdentity identity;

    public AnswerResource(AnswerService answers, SecurityIdentity identity) {
        this.answers = answers;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.PLAYER)
    public Uni<SubmissionResult> submit(@PathParam("roundId") UUID roundId, SubmissionRequest request) {
        return answers.submit(Caller.id(identity), roundId, request);
    }
}
