package io.attentionflow.app.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.attentionflow.app.http.Problem.FieldError;
import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the exceptions a request can end in into problem+json responses. Unknown errors are not mapped here. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return e.status() == 503 ? unavailable(e.toProblem()) : respond(e.toProblem());
    }

    /** Overrides the JSON body that Quarkus's built-in mapper gives a body of the wrong shape. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = path(mapping.getPath());
        }
        String reason = e instanceof JsonParseException ? "is not well-formed JSON: " + e.getOriginalMessage()
                : "has the wrong type or shape: " + e.getOriginalMessage();
        FieldError error = e.getLocation() == null ? FieldError.of(field, reason)
                : new FieldError(field, reason, e.getLocation().getLineNr(), e.getLocation().getColumnNr());
        return respond(new Problem("about:blank", "Invalid request", 400, field + " " + reason, List.of(error)));
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException parse) {
            return malformedJson(parse);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(new Problem("about:blank", title, status, e.getMessage(), List.of()));
    }

    /**
     * PostgreSQL or Redis could not serve the request: 503 with a Retry-After, so clients send it again (a repeated
     * submission records nothing twice). A store error of any other kind is the server's own fault: a 500 that
     * names nothing of the statement. Redis error replies arrive as the Redis client's {@code ErrorType}, a Throwable
     * of its implementation: no public type stands for them.
     */
    @ServerExceptionMapper({ConnectException.class, ClosedConnectionException.class, TimeoutException.class, PgException.class,
            ErrorType.class})
    public Response storeFailure(Throwable e) {
        if (!StoreFailures.unavailable(e)) {
            LOG.error("Request failed in PostgreSQL or Redis", e);
            return respond(new Problem("about:blank", "Internal Server Error", 500, "the request failed on the server", List.of()));
        }
        LOG.warnf("A store could not serve a request: %s", e.toString());
        return unavailable(ApiException.unavailable("the database or the index cannot serve right now; send the same request again shortly")
                .toProblem());
    }

    private static Response unavailable(Problem problem) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS).entity(problem).build();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
