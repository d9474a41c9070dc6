package io.attentionflow.app.plugin;

import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.plugin.api.AiHelper;
import io.attentionflow.plugin.api.GameType;
import io.attentionflow.plugin.api.PluginApi;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/** Loads the game plugins at start and answers which game types exist and where their browser modules are. */
@ApplicationScoped
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class);

    /** A game type, the plugin that supplies it, and the AI helper that plays it if a plugin offers one. */
    public record InstalledGame(String pluginId, String pluginVersion, GameType game, Optional<AiHelper> aiHelper) {

        /** Where the web client loads the game's browser module from. */
        public String moduleUrl() {
            return "/plugins/" + pluginId + "/" + game.browserModule();
        }
    }

    private final AflowConfig config;
    private final Map<String, InstalledGame> games = new ConcurrentHashMap<>();
    private volatile HostPluginManager manager;

    public PluginHost(AflowConfig config) {
        this.config = config;
    }

    void start(@Observes @Priority(5) StartupEvent startup) {
        Path dir = Path.of(config.pluginsDir()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            LOG.warnf("Plugins directory %s does not exist: no game types are installed", dir);
        }
        manager = new HostPluginManager(dir, PluginApi.VERSION);
        manager.loadPlugins();
        manager.startPlugins();
        Map<String, AiHelper> helpers = new ConcurrentHashMap<>();
        for (PluginWrapper plugin : startedPlugins()) {
            for (AiHelper helper : manager.getExtensions(AiHelper.class, plugin.getPluginId())) {
                helpers.putIfAbsent(helper.gameType(), helper);
            }
        }
        for (PluginWrapper plugin : startedPlugins()) {
            for (GameType game : manager.getExtensions(GameType.class, plugin.getPluginId())) {
                InstalledGame installed = new InstalledGame(plugin.getPluginId(), plugin.getDescriptor().getVersion(), game,
                        Optional.ofNullable(helpers.get(game.id())));
                InstalledGame clash = games.putIfAbsent(game.id(), installed);
                if (clash != null) {
                    LOG.errorf("Game type '%s' of plugin '%s' ignored: plugin '%s' already supplies it", game.id(), plugin.getPluginId(), clash.pluginId());
                } else {
                    LOG.infof("Game type '%s' from plugin '%s' %s", game.id(), plugin.getPluginId(), installed.pluginVersion());
                }
            }
        }
        LOG.infof("Plugin API %s; %d game type(s) installed from %s", PluginApi.VERSION, games.size(), dir);
    }

    private List<PluginWrapper> startedPlugins() {
        return manager.getPlugins().stream().filter(p -> p.getPluginState() == PluginState.STARTED).toList();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (manager != null) {
            manager.stopPlugins();
        }
    }

    public Optional<InstalledGame> game(String id) {
        return Optional.ofNullable(games.get(id));
    }

    public Collection<InstalledGame> games() {
        return List.copyOf(games.values());
    }

    List<HostPluginManager.Refusal> refusals() {
        return manager.refusals();
    }

    /** A file from a started plugin's jar, or empty when there is no such plugin or file. */
    Optional<InputStream> asset(String pluginId, String path) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null || plugin.getPluginState() != PluginState.STARTED || path.contains("..")) {
            return Optional.empty();
        }
        return Optional.ofNullable(plugin.getPluginClassLoader().getResourceAsStream(path));
    }
}
