package io.attentionflow.app.project;

import io.attentionflow.app.http.ApiException;
import io.attentionflow.app.http.Problem.FieldError;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.round.AllocationIndex;
import io.attentionflow.engine.inference.Methods;
import io.attentionflow.plugin.api.AnswerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Creating, reading and activating projects; a researcher only ever sees their own. */
@ApplicationScoped
public class ProjectService {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_LABELS = 50;
    static final int MAX_LABEL_LENGTH = 100;
    static final int MAX_ANSWERS_LIMIT = 1_000;
    static final int MAX_REQUEST_KEY_LENGTH = 255;

    /** Progress of a project as its researcher sees it. */
    public record Progress(long projectId, Project.Status status, long items, long retiredItems, long goldItems,
                           long answers, Long answerBudget, double percentRetired, boolean complete) {
    }

    private final ProjectRepository projects;
    private final ProjectCache cache;
    private final PluginHost plugins;
    private final AllocationIndex index;

    public ProjectService(ProjectRepository projects, ProjectCache cache, PluginHost plugins, AllocationIndex index) {
        this.projects = projects;
        this.cache = cache;
        this.plugins = plugins;
        this.index = index;
    }

    /**
     * Creates a draft project. With a {@code requestKey} (the request's Idempotency-Key) the request may be sent again
     * safely, say after a 503 whose insert committed all the same: the project that key created comes back, and a key
     * sent with other settings than its project's is refused (409).
     */
    public Uni<Project> create(long ownerId, ProjectRequest request, String requestKey) {
        if (requestKey != null && (requestKey.isEmpty() || requestKey.length() > MAX_REQUEST_KEY_LENGTH
                || !requestKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw ApiException.badRequest("Idempotency-Key", "must be 1 to " + MAX_REQUEST_KEY_LENGTH + " visible ASCII characters");
        }
        if (request == null) {
            throw ApiException.badRequest("body", "a project description is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            errors.add(FieldError.of("name", "must be 1 to " + MAX_NAME_LENGTH + " characters"));
        }
        var game = request.gameType() == null ? java.util.Optional.<PluginHost.InstalledGame>empty() : plugins.game(request.gameType());
        if (game.isEmpty()) {
            errors.add(FieldError.of("gameType", "must be an installed game type, one of: "
                    + String.join(", ", plugins.games().stream().map(g -> g.game().id()).sorted().toList())));
        }
        boolean categorical = game.map(g -> g.game().answerKind() == AnswerKind.CATEGORICAL).orElse(true);
        List<String> labels = request.labels() == null ? List.of() : request.labels();
        if (categorical) {
            validateLabels(request.labels(), errors);
        } else if (!labels.isEmpty()) {
            errors.add(FieldError.of("labels", "game '" + request.gameType() + "' has no labels: its answers are "
                    + game.get().game().answerKind().name().toLowerCase()));
        }
        int minAnswers = request.minAnswers() == null ? 3 : request.minAnswers();
        int maxAnswers = request.maxAnswers() == null ? Math.max(5, minAnswers) : request.maxAnswers();
        double target = request.targetConfidence() == null ? 0.95 : request.targetConfidence();
        double goldRate = request.goldRate() == null ? 0.1 : request.goldRate();
        String method = request.method() == null ? "default" : request.method();
        Project.Policy policy = null;
        try {
            policy = Project.Policy.valueOf(request.policy() == null ? "need" : request.policy());
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("policy", "must be one of: need, breadth, fixed, random"));
        }
        if (minAnswers < 1) {
            errors.add(FieldError.of("minAnswers", "must be at least 1"));
        }
        if (maxAnswers < minAnswers || maxAnswers > MAX_ANSWERS_LIMIT) {
            errors.add(FieldError.of("maxAnswers", "must be between minAnswers (" + minAnswers + ") and " + MAX_ANSWERS_LIMIT));
        }
        if (!(target > 0 && target <= 1)) {
            errors.add(FieldError.of("targetConfidence", "must be greater than 0 and at most 1"));
        }
        if (!(goldRate >= 0 && goldRate <= 1)) {
            errors.add(FieldError.of("goldRate", "must be between 0 and 1"));
        }
        if (request.answerBudget() != null && request.answerBudget() < 1) {
            errors.add(FieldError.of("answerBudget", "must be at least 1 when given"));
        }
        if (categorical && Methods.byName(method).isEmpty()) {
            errors.add(FieldError.of("method", "must be one of: " + String.join(", ", Methods.names())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Project asked = new Project(0, ownerId, name, request.gameType(), labels, minAnswers, maxAnswers, target, goldRate, method,
                policy, request.answerBudget(), Project.Status.draft, null);
        return projects.insert(ownerId, name, request.gameType(), labels, minAnswers, maxAnswers, target, goldRate, method,
                        policy, request.answerBudget(), requestKey)
                .invoke(stored -> {
                    if (!sameSettings(stored, asked)) {
                        throw ApiException.conflict("Idempotency-Key", "created project " + stored.id() + " with other settings");
                    }
                });
    }

    private static boolean sameSettings(Project a, Project b) {
        return a.name().equals(b.name()) && a.gameType().equals(b.gameType()) && a.labels().equals(b.labels())
                && a.minAnswers() == b.minAnswers() && a.maxAnswers() == b.maxAnswers()
                && a.targetConfidence() == b.targetConfidence() && a.goldRate() == b.goldRate() && a.method().equals(b.method())
                && a.policy() == b.policy() && java.util.Objects.equals(a.answerBudget(), b.answerBudget());
    }

    private static void validateLabels(List<String> labels, List<FieldError> errors) {
        if (labels == null || labels.size() < 2 || labels.size() > MAX_LABELS) {
            errors.add(FieldError.of("labels", "must hold 2 to " + MAX_LABELS + " labels"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank() || label.length() > MAX_LABEL_LENGTH || !label.equals(label.strip())) {
                errors.add(FieldError.of("labels[" + i + "]", "must be 1 to " + MAX_LABEL_LENGTH + " characters without surrounding spaces"));
            } else if (!seen.add(label)) {
                errors.add(FieldError.of("labels[" + i + "]", "repeats the label '" + label + "'"));
            }
        }
    }

    /** The project if {@code researcherId} owns it; 404 otherwise, so that others' projects stay invisible. */
    public Uni<Project> owned(long researcherId, long projectId) {
        return projects.find(projectId).map(found -> found
                .filter(p -> p.ownerId() == researcherId)
                .orElseThrow(() -> ApiException.notFound("projectId", "no project " + projectId)));
    }

    public Uni<List<Project>> ownedBy(long researcherId) {
        return projects.ownedBy(researcherId);
    }

    public Uni<Project> activate(long researcherId, long projectId) {
        return owned(researcherId, projectId)
                .chain(project -> projects.counts(projectId).chain(counts -> {
                    if (counts.items() == 0) {
                        throw ApiException.conflict("items", "upload items before activating the project");
                    }
                    // The index first: a claim on the project once it is active finds it built.
                    return index.buildIfMissing(project).chain(() -> cache.setStatus(projectId, Project.Status.active));
                }));
    }

    public Uni<Project> pause(long researcherId, long projectId) {
        return owned(researcherId, projectId).chain(project -> cache.setStatus(projectId, Project.Status.paused));
    }

    public Uni<Progress> progress(long researcherId, long projectId) {
        return owned(researcherId, projectId).chain(project -> projects.counts(projectId).map(c -> new Progress(
                projectId, project.status(), c.items(), c.retired(), c.goldItems(), c.answers(), project.answerBudget(),
                c.items() == 0 ? 0 : Math.round(1000.0 * c.retired() / c.items()) / 10.0,
                c.items() > 0 && c.retired() == c.items() || project.answerBudget() != null && c.answers() >= project.answerBudget())));
    }
}
