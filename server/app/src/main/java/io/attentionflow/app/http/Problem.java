package io.attentionflow.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}) with the fields at fault.
 *
 * @param errors one entry per field at fault; may be empty when the problem is not about a field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * A field at fault.
     *
     * @param field  path of the field, e.g. {@code labels[2]}, {@code answers[0].answer} or a column name
     * @param reason what is wrong with it
     * @param line   line of the uploaded file, when the field comes from an upload
     * @param column column of that line, when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String reason, Integer line, Integer column) {

        public static FieldError of(String field, String reason) {
            return new FieldError(field, reason, null, null);
        }
    }
}
