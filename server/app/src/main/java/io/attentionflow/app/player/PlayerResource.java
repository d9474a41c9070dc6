package io.attentionflow.app.player;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.security.Caller;
import io.attentionflow.app.security.CredentialRepository;
import io.attentionflow.app.security.Roles;
import io.attentionflow.app.security.Tokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ThreadLocalRandom;

/** Players: start as a guest in one call, then play with the returned bearer token. */
@Path("/api/v1/players")
@Produces(MediaType.APPLICATION_JSON)
public class PlayerResource {

    /** A new guest and the token that identifies them from now on. */
    public record GuestStarted(long playerId, String name, String token) {
    }

    private static final String[] ADJECTIVES = {"Swift", "Keen", "Bright", "Calm", "Bold", "Sharp", "Lucky", "Clever"};
    private static final String[] ANIMALS = {"Otter", "Heron", "Lynx", "Falcon", "Badger", "Wren", "Marten", "Ibis"};

    private final Pool pool;
    private final PlayerRepository players;
    private final CredentialRepository credentials;
    private final SecurityIdentity identity;

    public PlayerResource(Pool pool, PlayerRepository players, CredentialRepository credentials, SecurityIdentity identity) {
        this.pool = pool;
        this.players = players;
        this.credentials = credentials;
        this.identity = identity;
    }

    @POST
    @Path("guest")
    @PermitAll
    public Uni<Response> startAsGuest() {
        String token = Tokens.newToken();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + ANIMALS[random.nextInt(ANIMALS.length)];
        return pool.withTransaction(tx -> players.insertGuest(tx, name)
                        .call(player -> credentials.save(tx, token, Roles.PLAYER, player.id())))
                .map(player -> Response.status(Response.Status.CREATED).entity(new GuestStarted(player.id(), player.name(), token)).build());
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.PLAYER)
    public Uni<PlayerRepository.Player> me() {
        long id = Caller.id(identity);
        return players.find(id).map(found -> found.orElseThrow(() -> ApiException.notFound("player", "no player " + id)));
    }
}
