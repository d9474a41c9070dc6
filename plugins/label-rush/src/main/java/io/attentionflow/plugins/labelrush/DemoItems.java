package io.attentionflow.plugins.labelrush;

import io.attentionflow.plugin.api.DemoProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo project: short product-review sentences written for this demo, to be judged positive,
 * negative or neutral. A few carry a gold answer so new players get feedback at once.
 */
final class DemoItems {

    private static final String[][] SENTENCES = {
        {"The battery lasts two full days and charges in under an hour.", "positive"},
        {"It stopped working after a week and support never answered.", "negative"},
        {"The box contains the device, a cable and a manual.", "neutral"},
        {"Setup took five minutes and everything just worked.", ""},
        {"The screen is bright, but the speakers crackle at high volume.", ""},
        {"Arrived on Tuesday.", ""},
        {"Worst purchase I have made this year.", "negative"},
        {"My kids love it and so do I.", ""},
        {"The colour is slightly darker than in the pictures.", ""},
        {"It does what it says, nothing more.", ""},
        {"The lid cracked the first time I dropped it from the table.", ""},
        {"Comfortable enough to wear all day.", "positive"},
        {"Available in three sizes.", ""},
        {"The app keeps logging me out, which is infuriating.", ""},
        {"Cheaper than the competition and twice as fast.", ""},
        {"The instructions are in English and French.", ""},
        {"I returned it and got my money back within two days.", ""},
        {"Sound quality is superb for the price.", ""},
        {"It smells of plastic even after a month.", ""},
        {"Weighs about as much as a paperback.", ""},
        {"Customer service replaced it without any questions.", ""},
        {"The buttons are too small for my fingers.", ""},
        {"Works with both phones in our house.", ""},
        {"Absolutely stunning design, I get compliments every day.", ""},
    };

    private DemoItems() {
    }

    static DemoProject sentiment() {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < SENTENCES.length; i++) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("id", "review-" + (i + 1));
            item.put("text", SENTENCES[i][0]);
            if (!SENTENCES[i][1].isEmpty()) {
                item.put("gold", SENTENCES[i][1]);
            }
            items.add(item);
        }
        return new DemoProject("Demo: how does this review feel?", List.of("positive", "negative", "neutral"), items);
    }
}
