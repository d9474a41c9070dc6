package io.attentionflow.plugins.fold;

import org.pf4j.Plugin;

/**
 * PF4J entry point of the Fold game; the game is the {@link FoldGame} extension and its machine player
 * the {@link FoldAiHelper} extension.
 */
public final class FoldPlugin extends Plugin {
}
