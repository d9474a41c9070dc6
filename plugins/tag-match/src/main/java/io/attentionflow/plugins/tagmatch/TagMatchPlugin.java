package io.attentionflow.plugins.tagmatch;

import org.pf4j.Plugin;

/** PF4J entry point of the Tag match game; the game itself is the {@link TagMatch} extension. */
public final class TagMatchPlugin extends Plugin {
}
