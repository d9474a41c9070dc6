package io.attentionflow.plugins.labelrush;

import io.attentionflow.plugin.api.DemoProject;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.Item;
import io.attentionflow.plugin.api.Problem;
import io.attentionflow.plugin.api.RoundShape;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Classification against the clock: each item is a short text or an image URL, and the player picks
 * one of the project's labels. Gold items earn double when right and nothing when wrong, so careful
 * play pays more than fast guessing.
 */
@Extension
public final class LabelRush implements GameType {

    static final int MAX_TEXT_LENGTH = 2_000;
    static final int POINTS = 10;
    static final int GOLD_POINTS = 20;

    @Override
    public String id() {
        return "label-rush";
    }

    @Override
    public String title() {
        return "Label rush";
    }

    @Override
    public Set<String> itemFields() {
        return Set.of("text", "image_url");
    }

    @Override
    public List<Problem> validateItem(Item item) {
        List<Problem> problems = new ArrayList<>();
        String text = item.fields().get("text");
        String imageUrl = item.fields().get("image_url");
        boolean hasText = text != null && !text.isBlank();
        boolean hasImage = imageUrl != null && !imageUrl.isBlank();
        if (hasText == hasImage) {
            problems.add(new Problem(hasText ? "image_url" : "text", "exactly one of text and image_url must be given"));
        }
        if (hasText && text.length() > MAX_TEXT_LENGTH) {
            problems.add(new Problem("text", "is " + text.length() + " characters long, at most " + MAX_TEXT_LENGTH + " allowed"));
        }
        if (hasImage && !isWebAddress(imageUrl)) {
            problems.add(new Problem("image_url", "must be an absolute http or https URL"));
        }
        if (item.labels().size() < 2) {
            problems.add(new Problem("labels", "a classification needs at least two labels"));
        }
        return problems;
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public List<Problem> validateAnswer(Item item, String answer) {
        if (answer == null || !item.labels().contains(answer)) {
            return List.of(new Problem("answer", "must be one of: " + String.join(", ", item.labels())));
        }
        return List.of();
    }

    @Override
    public RoundShape roundShape() {
        return new RoundShape(5, false, 120);
    }

    @Override
    public int points(Item item, String answer, Optional<String> gold) {
        return gold.map(known -> known.equals(answer) ? GOLD_POINTS : 0).orElse(POINTS);
    }

    @Override
    public String browserModule() {
        return "web/label-rush.js";
    }

    @Override
    public Optional<DemoProject> demoProject() {
        return Optional.of(DemoItems.sentiment());
    }
}
