package io.attentionflow.plugin.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this API, as written into the jar at build time from the parent pom. */
public final class PluginApi {

    /** Semantic version of the plugin API that this jar implements. */
    public static final String VERSION = readVersion();

    private PluginApi() {
    }

    private static String readVersion() {
        try (InputStream in = PluginApi.class.getResourceAsStream("api-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("plugin API jar lacks api-version.properties", e);
        }
    }
}
