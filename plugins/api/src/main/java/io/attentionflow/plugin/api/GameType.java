package io.attentionflow.plugin.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A kind of game that turns items into rounds a player can play. Implementations are stateless and
 * thread-safe: the host calls them from many threads at once. Validation methods return problems and
 * never throw at the host.
 *
 * <p>An answer is a string whose meaning depends on {@link #answerKind()}: a label (1.0.0), a word, or a
 * serialised structured solution scored by {@link #objective(Item, String)} (both 1.1.0).
 */
public interface GameType extends ExtensionPoint {

    /** Stable identifier projects refer to, e.g. {@code "label-rush"}; lower case, digits and dashes. */
    String id();

    /** Name shown to players and researchers. */
    String title();

    /** The item fields this game understands; an upload with any other column is refused. */
    Set<String> itemFields();

    /** Problems with an uploaded item, or an empty list when the game can play it. */
    List<Problem> validateItem(Item item);

    /** Problems with a player's answer to {@code item}, or an empty list when it is acceptable. */
    List<Problem> validateAnswer(Item item, String answer);

    /** The shape of this game's rounds. */
    RoundShape roundShape();

    /**
     * Points for an answer.
     *
     * @param gold the known answer when the item is a gold item, otherwise empty
     */
    int points(Item item, String answer, Optional<String> gold);

    /**
     * Path, inside the plugin jar, of the game's browser ES module. The host serves it at
     * {@code /plugins/{pluginId}/{path}}; the module exports {@code mount(element, round, api)}.
     */
    String browserModule();

    /**
     * What this game's answers are. Categorical games need the project's labels; the others need none.
     *
     * @since 1.1.0
     */
    default AnswerKind answerKind() {
        return AnswerKind.CATEGORICAL;
    }

    /**
     * For {@link AnswerKind#STRUCTURED} games: the objective value of a valid answer, higher is better,
     * computed by the server for every submitted answer so players cannot claim a score.
     *
     * @since 1.1.0
     */
    default OptionalDouble objective(Item item, String answer) {
        return OptionalDouble.empty();
    }

    /**
     * For {@link AnswerKind#TEXT} games: the form under which two answers agree, so the host can tell that
     * two players typed the same thing (and record it as a tag). Two answers agree when their keys are equal.
     *
     * @since 1.2.0
     */
    default String agreementKey(String answer) {
        return answer;
    }

    /** A small project to seed on a fresh installation so people can play at once. */
    default Optional<DemoProject> demoProject() {
        return Optional.empty();
    }
}
