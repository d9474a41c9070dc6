package io.attentionflow.plugins.labelrush;

import org.pf4j.Plugin;

/** PF4J entry point of the Label rush game; the game itself is the {@link LabelRush} extension. */
public final class LabelRushPlugin extends Plugin {
}
