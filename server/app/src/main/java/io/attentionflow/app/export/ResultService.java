package io.attentionflow.app.export;

import io.attentionflow.app.answer.AnswerRepository;
import io.attentionflow.app.persistence.KeysetPages;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.security.ServerSecret;
import io.attentionflow.engine.answers.CategoricalAnswers;
import io.attentionflow.engine.answers.IdIndex;
import io.attentionflow.engine.inference.InferenceResult;
import io.attentionflow.engine.inference.TruthInference;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Aggregates a project's answers with a truth-inference method of the engine. Answers are read from
 * PostgreSQL in pages into the engine's compact arrays; the method runs on a worker thread.
 */
@ApplicationScoped
public class ResultService {

    /**
     * Per-item results, in item order, with the names needed to write them.
     *
     * @param players player id of each worker index of the inference
     * @param answersPerPlayer answers of each worker index
     * @param answers the answers the method ran on, in the indexes of the inference
     * @param gold gold label per item index ({@link TruthInference#NO_GOLD} where unknown)
     */
    public record Results(List<String> items, List<String> labels, List<Long> players, int[] answersPerItem,
                          int[] answersPerPlayer, InferenceResult inference, String method, CategoricalAnswers answers, int[] gold) {
    }

    private record ItemRow(long id, String externalId, String gold) {
    }

    private final KeysetPages pages;
    private final AnswerRepository answers;
    private final ServerSecret secret;

    public ResultService(KeysetPages pages, AnswerRepository answers, ServerSecret secret) {
        this.pages = pages;
        this.answers = answers;
        this.secret = secret;
    }

    public Uni<Results> aggregate(Project project, TruthInference method) {
        IdIndex labels = new IdIndex();
        project.labels().forEach(labels::intern);
        return pages.stream("select id, external_id, gold from item where project_id = $1 and id > $2 order by id limit 5000",
                        project.id(), row -> new ItemRow(row.getLong("id"), row.getString("external_id"), row.getString("gold")), ItemRow::id)
                .collect().asList()
                .chain(itemRows -> {
                    IdIndex items = new IdIndex();
                    itemRows.forEach(row -> items.intern(row.externalId()));
                    IdIndex workers = new IdIndex();
                    IntList item = new IntList();
                    IntList worker = new IntList();
                    IntList label = new IntList();
                    return answers.export(project.id())
                            .invoke(answer -> {
                                item.add(items.find(answer.item()));
                                worker.add(workers.intern(Long.toString(answer.playerId())));
                                label.add(labels.find(answer.label()));
                            })
                            .collect().last()
                            .emitOn(Infrastructure.getDefaultWorkerPool())
                            .map(ignored -> {
                                CategoricalAnswers data = new CategoricalAnswers(items.size(), workers.size(), labels.size(),
                                        item.toArray(), worker.toArray(), label.toArray());
                                int[] gold = new int[items.size()];
                                int[] counts = new int[items.size()];
                                for (int i = 0; i < items.size(); i++) {
                                    String known = itemRows.get(i).gold();
                                    gold[i] = known == null ? TruthInference.NO_GOLD : labels.find(known);
                                    counts[i] = data.answersOf(i);
                                }
                                List<Long> players = workers.names().stream().map(Long::valueOf).toList();
                                int[] perPlayer = new int[workers.size()];
                                for (int a = 0; a < data.answerCount(); a++) {
                                    perPlayer[data.worker(a)]++;
                                }
                                return new Results(items.names(), labels.names(), players, counts, perPlayer, method.infer(data, gold),
                                        method.name(), data, gold);
                            });
                });
    }

    /** A stable pseudonym of a player within one project: not linkable across projects, not reversible. */
    public String pseudonym(long projectId, long playerId) {
        byte[] mac = secret.sign("worker:" + projectId + ":" + playerId);
        return "w" + HexFormat.of().formatHex(mac, 0, 8);
    }

    /**
     * The best answer of an item of a game with structured answers: highest objective, earliest on ties.
     *
     * @param answer    null when nobody answered yet
     * @param objective null when nobody answered yet
     */
    public record BestAnswer(long id, String item, Map<String, String> fields, String answer, Double objective, int answers,
                             String aiAnswer, Double aiConfidence) {
    }

    /** Best answers per item, in item order, streamed in pages. */
    public Multi<BestAnswer> best(Project project) {
        return pages.stream("select distinct on (i.id) i.id, i.external_id, i.fields, a.label, a.objective, i.answer_count, "
                        + "i.ai_answer, i.ai_confidence from item i left join answer a on a.item_id = i.id "
                        + "where i.project_id = $1 and i.id > $2 order by i.id, a.objective desc nulls last, a.id limit 2000",
                project.id(), row -> {
                    Map<String, String> fields = new java.util.HashMap<>();
                    row.getJsonObject("fields").forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
                    return new BestAnswer(row.getLong("id"), row.getString("external_id"), fields, row.getString("label"),
                            row.getDouble("objective"), row.getInteger("answer_count"), row.getString("ai_answer"), row.getDouble("ai_confidence"));
                }, BestAnswer::id);
    }

    /** A tag players agreed on for an item, and how many pairs agreed on it. */
    public record AgreedTag(long itemId, String item, String tag, int agreements) {
    }

    /** Agreed tags per item (output-agreement games), a page of items at a time so no item is split. */
    public Multi<AgreedTag> tags(Project project) {
        return pages.stream("select i.id, i.external_id, t.tag, t.agreements from item i join item_tag t on t.item_id = i.id "
                        + "where i.id in (select id from item where project_id = $1 and id > $2 order by id limit 1000) "
                        + "order by i.id, t.agreements desc, t.tag",
                project.id(), row -> new AgreedTag(row.getLong("id"), row.getString("external_id"), row.getString("tag"), row.getInteger("agreements")),
                AgreedTag::itemId);
    }

    public Multi<AnswerRepository.ExportedAnswer> answers(Project project) {
        return answers.export(project.id());
    }

    /** A growable int array, so that answers are gathered without boxing. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
