package io.attentionflow.app.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.app.project.ProjectService;
import io.attentionflow.app.security.Caller;
import io.attentionflow.app.security.Roles;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.engine.inference.TruthInference;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jboss.resteasy.reactive.RestMulti;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloads for researchers, streamed row by row: results per item (CSV, JSON Lines) and the raw answers
 * in the {@code task,worker,label} convention of truth-inference toolkits, with pseudonymous workers.
 */
@Path("/api/v1/projects")
@RolesAllowed(Roles.RESEARCHER)
public class ExportResource {

    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectWriter RESULT_ROW = CSV.writer(CsvSchema.builder()
            .addColumn("item").addColumn("answer").addColumn("confidence").addColumn("answers").build());
    private static final ObjectWriter BEST_ROW = CSV.writer(CsvSchema.builder()
            .addColumn("item").addColumn("answer").addColumn("objective").addColumn("answers").build());
    private static final ObjectWriter TAG_ROW = CSV.writer(CsvSchema.builder()
            .addColumn("item").addColumn("tag").addColumn("agreements").build());
    private static final ObjectWriter ANSWER_ROW = CSV.writer(CsvSchema.builder()
            .addColumn("task").addColumn("worker").addColumn("label").build());

    private final ProjectService projects;
    private final ResultService results;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final PluginHost plugins;

    public ExportResource(ProjectService projects, ResultService results, SecurityIdentity identity, ObjectMapper json, PluginHost plugins) {
        this.plugins = plugins;
        this.projects = projects;
        this.results = results;
        this.identity = identity;
        this.json = json;
    }

    /**
     * One row per item: {@code item,answer,confidence,answers}; {@code method} re-aggregates with another
     * method. For games with structured answers: {@code item,answer,objective,answers} with each item's best
     * answer; for output-agreement games: {@code item,tag,agreements}, one row per agreed tag.
     */
    @GET
    @Path("{projectId}/results.csv")
    @Produces("text/csv")
    public Multi<String> resultsCsv(@PathParam("projectId") long projectId, @QueryParam("method") String method) {
        return download("project-" + projectId + "-results.csv", projects.owned(Caller.id(identity), projectId)
                .onItem().transformToMulti(project -> kind(project) == AnswerKind.TEXT
                        ? withHeader("item,tag,agreements",
                                results.tags(project).map(t -> row(TAG_ROW, List.of(CsvCells.safe(t.item()), CsvCells.safe(t.tag()),
                                        Integer.toString(t.agreements())))))
                        : kind(project) == AnswerKind.STRUCTURED
                        ? withHeader("item,answer,objective,answers",
                                results.best(project).map(b -> row(BEST_ROW, java.util.Arrays.asList(CsvCells.safe(b.item()),
                                        b.answer() == null ? "" : CsvCells.safe(b.answer()),
                                        b.objective() == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", b.objective()),
                                        Integer.toString(b.answers())))))
                        : categoricalResults(projectId, method)));
    }

    private AnswerKind kind(Project project) {
        return plugins.game(project.gameType()).map(g -> g.game().answerKind()).orElse(AnswerKind.CATEGORICAL);
    }

    private Multi<String> categoricalResults(long projectId, String method) {
        return aggregate(projectId, method).onItem().transformToMulti(r -> Multi.createFrom().range(0, r.items().size())
                .map(i -> row(RESULT_ROW, List.of(CsvCells.safe(r.items().get(i)), CsvCells.safe(label(r, i)),
                        confidence(r.inference(), i), Integer.toString(r.answersPerItem()[i]))))
                .plug(rows -> withHeader("item,answer,confidence,answers", rows)));
    }

    /** One JSON object per item, with the full posterior over labels. */
    @GET
    @Path("{projectId}/results.jsonl")
    @Produces("application/jsonl")
    public Multi<String> resultsJsonLines(@PathParam("projectId") long projectId, @QueryParam("method") String method) {
        return download("project-" + projectId + "-results.jsonl", aggregate(projectId, method).onItem().transformToMulti(r -> Multi.createFrom().range(0, r.items().size()).map(i -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("item", r.items().get(i));
            line.put("answer", label(r, i));
            line.put("confidence", Double.parseDouble(confidence(r.inference(), i)));
            line.put("answers", r.answersPerItem()[i]);
            Map<String, Double> posterior = new LinkedHashMap<>();
            for (int l = 0; l < r.labels().size(); l++) {
                posterior.put(r.labels().get(l), r.inference().posterior(i, l));
            }
            line.put("posterior", posterior);
            line.put("method", r.method());
            try {
                return json.writeValueAsString(line);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        })));
    }

    /** Every answer as {@code task,worker,label}, in the order they were given. */
    @GET
    @Path("{projectId}/answers.csv")
    @Produces("text/csv")
    public Multi<String> answersCsv(@PathParam("projectId") long projectId) {
        return download("project-" + projectId + "-answers.csv", projects.owned(Caller.id(identity), projectId).onItem().transformToMulti(project -> withHeader("task,worker,label",
                results.answers(project).map(a -> row(ANSWER_ROW, List.of(CsvCells.safe(a.item()),
                        results.pseudonym(project.id(), a.playerId()), CsvCells.safe(a.label())))))));
    }

    /**
     * The header line, then the rows. The header goes out with the first row (alone if there is none), so that a first
     * page PostgreSQL does not give in time ends the request in 503 before the response starts, not in a 200 that holds
     * the header only. A later page that fails resets the connection: the client sees the download break off.
     */
    private static Multi<String> withHeader(String header, Multi<String> rows) {
        return Multi.createFrom().deferred(() -> {
            boolean[] headerSent = {false};
            return rows.map(row -> {
                if (headerSent[0]) {
                    return row;
                }
                headerSent[0] = true;
                return header + "\n" + row;
            }).onCompletion().ifEmpty().continueWith(header);
        });
    }

    /** Streams the lines one per line (RESTEasy adds the line breaks), not as a JSON array, and names the file. */
    private static Multi<String> download(String filename, Multi<String> lines) {
        return RestMulti.fromMultiData(lines).encodeAsJsonArray(false)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private Uni<ResultService.Results> aggregate(long projectId, String methodName) {
        return projects.owned(Caller.id(identity), projectId).chain((Project project) -> {
            String name = methodName == null || methodName.isBlank() ? project.method() : methodName;
            TruthInference method = Methods.byName(name)
                    .orElseThrow(() -> ApiException.badRequest("method", "must be one of: " + String.join(", ", Methods.names())));
            return results.aggregate(project, method);
        });
    }

    /** Items without answers or gold have no result yet: their answer cell stays empty. */
    private static String label(ResultService.Results r, int item) {
        boolean known = r.answersPerItem()[item] > 0 || r.inference().confidence(item) == 1.0;
        return known ? r.labels().get(r.inference().label(item)) : "";
    }

    private static String confidence(InferenceResult inference, int item) {
        return String.format(java.util.Locale.ROOT, "%.4f", inference.confidence(item));
    }

    private static String row(ObjectWriter writer, List<String> cells) {
        try {
            return writer.writeValueAsString(cells).stripTrailing();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
