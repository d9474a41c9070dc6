package io.attentionflow.plugins.tagmatch;

import io.attentionflow.plugin.api.AnswerKind;
import io.attentionflow.plugin.api.DemoProject;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import io.attentionflow.plugin.api.RoundShape;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Output agreement after the ESP Game (L. von Ahn and L. Dabbish, "Labeling images with a computer game",
 * CHI 2004): two players see the same text or image and type words that describe it; a word both type is
 * a match, scores for both and becomes a tag of the item.
 *
 * <p>Item fields: exactly one of {@code text} (at most {@value #MAX_TEXT_LENGTH} characters) and
 * {@code image_url} (an absolute http or https URL), as in Label rush, and optionally {@code taboo}. Projects
 * of this game have no labels.
 *
 * <p>Taboo words: the reserved item field {@code taboo} holds the item's taboo words, comma-separated:
 * the tags already agreed for that item, which the host writes there before it calls
 * {@link #validateAnswer(Item, String)}, so that each round draws out a new tag. A researcher may also
 * upload a {@code taboo} column to rule out words from the start. Because commas separate taboo words, a
 * tag may not contain one.
 *
 * <p>Answer: one word or short phrase. Refused when blank, when it contains a control or format character
 * (Unicode categories Cc and Cf, e.g. a newline or a zero-width joiner), a comma or broken UTF-16, when its
 * normalised form (see {@link #normalise(String)}) is longer than {@value #MAX_TAG_LENGTH} characters
 * (code points), or when its normalised form equals a normalised taboo word. Two answers match when their
 * normalised forms are equal; the host compares them with the same rule.
 *
 * <p>Points: the host decides whether both players typed a word and calls
 * {@link #points(Item, String, Optional)} only for an agreed tag, which earns {@value #MATCH_POINTS} for
 * each player; a word that finds no match earns nothing. A gold answer is not used.
 */
@Extension
public final class TagMatch implements GameType {

    static final int MAX_TEXT_LENGTH = 2_000;
    static final int MAX_TAG_LENGTH = 64;
    static final int MATCH_POINTS = 25;
    static final String TEXT = "text";
    static final String IMAGE_URL = "image_url";
    static final String TABOO = "taboo";

    @Override
    public String id() {
        return "tag-match";
    }

    @Override
    public String title() {
        return "Tag match";
    }

    @Override
    public Set<String> itemFields() {
        return Set.of(TEXT, IMAGE_URL, TABOO);
    }

    @Override
    public AnswerKind answerKind() {
        return AnswerKind.TEXT;
    }

    /** Two tags agree when their normalised forms are equal. */
    @Override
    public String agreementKey(String answer) {
        return normalise(answer);
    }

    /**
     * The form in which tags are compared and recorded: Unicode NFKC (so that, for instance, a full-width
     * "ｃａｔ" and "cat" agree), lower case by {@link Locale#ROOT} rules (the same for every player whatever
     * their locale), inner runs of white space collapsed to one space, and no leading or trailing space.
     * Idempotent: normalising a normalised tag changes nothing.
     */
    public static String normalise(String tag) {
        String lowered = Normalizer.normalize(tag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // Lower-casing can leave a string that NFKC would change again (rare), so normalise once more.
        String composed = Normalizer.normalize(lowered, Normalizer.Form.NFKC);
        StringBuilder collapsed = new StringBuilder(composed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < composed.length(); ) {
            int codePoint = composed.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                pendingSpace = collapsed.length() > 0;
                continue;
            }
            if (pendingSpace) {
                collapsed.append(' ');
                pendingSpace = false;
            }
            collapsed.appendCodePoint(codePoint);
        }
        return collapsed.toString();
    }

    @Override
    public List<Problem> validateItem(Item item) {
        List<Problem> problems = new ArrayList<>();
        String text = item.fields().get(TEXT);
        String imageUrl = item.fields().get(IMAGE_URL);
        boolean hasText = text != null && !text.isBlank();
        boolean hasImage = imageUrl != null && !imageUrl.isBlank();
        if (hasText == hasImage) {
            problems.add(new Problem(hasText ? IMAGE_URL : TEXT, "exactly one of text and image_url must be given"));
        }
        if (hasText && text.length() > MAX_TEXT_LENGTH) {
            problems.add(new Problem(TEXT, "is " + text.length() + " characters long, at most " + MAX_TEXT_LENGTH + " allowed"));
        }
        if (hasImage && !isWebAddress(imageUrl)) {
            problems.add(new Problem(IMAGE_URL, "must be an absolute http or https URL"));
        }
        List<String> taboo = tabooWords(item);
        for (int i = 0; i < taboo.size(); i++) {
            String position = "taboo word " + (i + 1) + " ";
            problemWithTag(taboo.get(i)).ifPresent(reason -> problems.add(new Problem(TABOO, position + reason)));
        }
        return problems;
    }

    @Override
    public List<Problem> validateAnswer(Item item, String answer) {
        Optional<String> problem = problemWithTag(answer);
        if (problem.isPresent()) {
            return List.of(new Problem("answer", problem.get()));
        }
        String tag = normalise(answer);
        for (String word : tabooWords(item)) {
            if (normalise(word).equals(tag)) {
                return List.of(new Problem("answer", "'" + tag + "' is taboo for this item: it is already one of its tags"));
            }
        }
        return List.of();
    }

    @Override
    public RoundShape roundShape() {
        return new RoundShape(1, true, 120);
    }

    @Override
    public int points(Item item, String answer, Optional<String> gold) {
        return validateAnswer(item, answer).isEmpty() ? MATCH_POINTS : 0;
    }

    @Override
    public String browserModule() {
        return "web/tag-match.js";
    }

    @Override
    public Optional<DemoProject> demoProject() {
        return Optional.of(DemoTexts.scenes());
    }

    /** Why {@code tag} cannot be a tag, whatever the item; empty when it can. */
    private static Optional<String> problemWithTag(String tag) {
        if (tag == null || normalise(tag).isEmpty()) {
            return Optional.of("is blank: type a word or a short phrase");
        }
        for (int i = 0; i < tag.length(); ) {
            int codePoint = tag.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (Character.isISOControl(codePoint) || type == Character.CONTROL || type == Character.FORMAT) {
                return Optional.of(String.format("contains the control character U+%04X; type visible characters only", codePoint));
            }
            if (type == Character.SURROGATE) {
                return Optional.of("contains broken text (a lone UTF-16 surrogate)");
            }
            if (codePoint == ',') {
                return Optional.of("contains a comma; type one word or phrase at a time");
            }
        }
        String normalised = normalise(tag);
        int length = normalised.codePointCount(0, normalised.length());
        if (length > MAX_TAG_LENGTH) {
            return Optional.of("is " + length + " characters long, at most " + MAX_TAG_LENGTH + " allowed");
        }
        return Optional.empty();
    }

    private static List<String> tabooWords(Item item) {
        String taboo = item.fields().get(TABOO);
        if (taboo == null || taboo.isBlank()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : taboo.split(",")) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
