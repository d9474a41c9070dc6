package io.attentionflow.app.player;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import io.attentionflow.app.persistence.BoundedWrites;
import io.attentionflow.app.security.Passwords;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** A player and the token that identifies them from now on. */
    public record GuestStarted(long playerId, String name, String token) {
    }

    private static final String[] ADJECTIVES = {"Swift", "Keen", "Bright", "Calm", "Bold", "Sharp", "Lucky", "Clever"};
    private static final String[] ANIMALS = {"Otter", "Heron", "Lynx", "Falcon", "Badger", "Wren", "Marten", "Ibis"};

    private final Pool pool;
    private final BoundedWrites writes;
    private final PlayerRepository players;
    private final CredentialRepository credentials;
    private final SecurityIdentity identity;

    public PlayerResource(Pool pool, BoundedWrites writes, PlayerRepository players, CredentialRepository credentials,
                          SecurityIdentity identity) {
        this.pool = pool;
        this.writes = writes;
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
        // Sent again after a 503, this starts another guest; one whose transaction committed late holds a token nobody got.
        return writes.bounded(pool.withTransaction(tx -> players.insertGuest(tx, name)
                        .call(player -> credentials.save(tx, token, Roles.PLAYER, player.id()))), "a new guest")
                .map(player -> Response.status(Response.Status.CREATED).entity(new GuestStarted(player.id(), player.name(), token)).build());
    }

    /** A name and a password, to sign up (keeping a guest's points) or to sign in. */
    public record Credentials(String name, String password) {
    }

    /** A guest signs up: their name and points stay theirs, and they can sign in from another browser. */
    @POST
    @Path("me/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLAYER)
    public Uni<PlayerRepository.Player> signUp(Credentials credentials) {
        long id = Caller.id(identity);
        List<FieldError> errors = new ArrayList<>();
        String name = credentials == null || credentials.name() == null ? "" : credentials.name().strip();
        if (name.length() < 3 || name.length() > 40 || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(FieldError.of("name", "must be 3 to 40 characters without control characters"));
        }
        if (credentials == null || credentials.password() == null || credentials.password().length() < 8) {
            errors.add(FieldError.of("password", "must be at least 8 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return Uni.createFrom().item(() -> Passwords.hash(credentials.password()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(hash -> players.register(id, name, hash))
                .chain(done -> {
                    if (!done) {
                        throw ApiException.conflict("name", "is taken by another player");
                    }
                    return players.find(id).map(Optional::orElseThrow);
                });
    }

    /** A registered player signs in and gets a new token. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Uni<GuestStarted> signIn(Credentials credentials) {
        if (credentials == null || credentials.name() == null || credentials.password() == null) {
            throw ApiException.badRequest("name", "name and password are required");
        }
        return players.credentials(credentials.name().strip()).emitOn(Infrastructure.getDefaultWorkerPool()).chain(found -> {
            if (found.isEmpty() || !Passwords.matches(credentials.password(), found.get().getValue())) {
                throw new ApiException(401, "Unauthorized", "name or password is wrong", List.of(FieldError.of("password", "name or password is wrong")));
            }
            String token = Tokens.newToken();
            long id = found.get().getKey();
            // As for a guest: signing in again after a 503 gives a new token, and one stored late was never handed out.
            return writes.bounded(pool.withTransaction(tx -> this.credentials.save(tx, token, Roles.PLAYER, id)), "a new token")
                    .chain(() -> players.find(id))
                    .map(player -> new GuestStarted(id, player.orElseThrow().name(), token));
        });
    }

    @GET
    @Path("me")
    @RolesAllowed(Roles.PLAYER)
    public Uni<PlayerRepository.Player> me() {
        long id = Caller.id(identity);
        return players.find(id).map(found -> found.orElseThrow(() -> ApiException.notFound("player", "no player " + id)));
    }
}
