package io.attentionflow.app.leaderboard;

import io.attentionflow.app.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Daily and all-time top ten; live updates come over the {@code /ws/leaderboard} WebSocket. */
@Path("/api/v1/leaderboards")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {

    static final int SIZE = 10;

    private final Leaderboards leaderboards;

    public LeaderboardResource(Leaderboards leaderboards) {
        this.leaderboards = leaderboards;
    }

    @GET
    @Path("{period}")
    @PermitAll
    public Uni<Leaderboards.Board> top(@PathParam("period") String period) {
        Leaderboards.Period which;
        try {
            which = Leaderboards.Period.valueOf(period);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("period", "must be 'day' or 'all'");
        }
        return leaderboards.top(which, SIZE);
    }
}
