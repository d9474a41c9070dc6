package io.attentionflow.app.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager adapted to Quarkus: each plugin class loader has the application's class loader
 * as parent, so plugins see the plugin API in tests and dev mode too (PF4J's default parent, the loader of
 * pf4j itself, cannot see the application's modules there). Plugins whose {@code Plugin-Requires} the
 * host's API version does not satisfy are refused with one clear log line and remembered.
 */
final class HostPluginManager extends DefaultPluginManager {

    private static final Logger LOG = Logger.getLogger(HostPluginManager.class);

    /** A plugin the host would not load, and why. */
    record Refusal(String pluginId, String path, String reason) {
    }

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

    HostPluginManager(Path pluginsDir, String apiVersion) {
        super(pluginsDir);
        setSystemVersion(apiVersion);
    }

    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new HostJarPluginLoader(this);
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        if (super.isPluginValid(plugin)) {
            return true;
        }
        PluginDescriptor descriptor = plugin.getDescriptor();
        String reason = "built for plugin API " + descriptor.getRequires() + ", this server provides " + getSystemVersion();
        LOG.errorf("Refused plugin '%s' (%s): %s", descriptor.getPluginId(), plugin.getPluginPath(), reason);
        refusals.add(new Refusal(descriptor.getPluginId(), plugin.getPluginPath().toString(), reason));
        return false;
    }

    /** Loads plugin jars with the application's class loader as parent, parent-first for the API. */
    private static final class HostJarPluginLoader extends JarPluginLoader {

        HostJarPluginLoader(PluginManager pluginManager) {
            super(pluginManager);
        }

        @Override
        public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor pluginDescriptor) {
            // Looked up here, not kept in a field: PF4J calls createPluginLoader() from its constructor.
            ClassLoader host = HostPluginManager.class.getClassLoader();
            PluginClassLoader loader = new PluginClassLoader(pluginManager, pluginDescriptor, host, ClassLoadingStrategy.PDA);
            loader.addFile(pluginPath.toFile());
            return loader;
        }
    }
}
