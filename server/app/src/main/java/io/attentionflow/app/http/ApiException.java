package io.attentionflow.app.http;

import io.attentionflow.app.http.Problem.FieldError;
import java.util.List;

/** A request the server refuses, with the HTTP status and the fields at fault. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String field, String reason) {
        return invalid(List.of(FieldError.of(field, reason)));
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new ApiException(400, "Invalid request", detail, errors);
    }

    public static ApiException notFound(String field, String what) {
        return new ApiException(404, "Not found", what, List.of(FieldError.of(field, what)));
    }

    /** The server cannot take the request now, through no fault of it: the client may send it again shortly. */
    public static ApiException unavailable(String reason) {
        return new ApiException(503, "Service Unavailable", reason, List.of());
    }

    public static ApiException conflict(String field, String reason) {
        return new ApiException(409, "Conflict", reason, List.of(FieldError.of(field, reason)));
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(403, "Forbidden", reason, List.of());
    }

    public int status() { return status; }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), errors);
    }
}
