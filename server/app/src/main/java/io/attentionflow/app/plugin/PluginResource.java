package io.attentionflow.app.plugin;

import io.attentionflow.plugin.api.PluginApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The installed game types and the plugins the host refused. */
@Path("/api/v1/game-types")
public class PluginResource {

    /** A game type as players and researchers see it. */
    public record GameTypeView(String id, String title, String pluginId, String pluginVersion, String module,
                               int itemsPerRound, boolean paired, List<String> itemFields) {
    }

    /** What the plugin host has: API version, game types and refused plugins. */
    public record PluginsView(String apiVersion, List<GameTypeView> gameTypes, List<HostPluginManager.Refusal> refused) {
    }

    private final PluginHost host;

    public PluginResource(PluginHost host) {
        this.host = host;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PluginsView gameTypes() {
        List<GameTypeView> views = host.games().stream()
                .map(g -> new GameTypeView(g.game().id(), g.game().title(), g.pluginId(), g.pluginVersion(), g.moduleUrl(),
                        g.game().roundShape().itemsPerRound(), g.game().roundShape().paired(),
                        g.game().itemFields().stream().sorted().toList()))
                .toList();
        return new PluginsView(PluginApi.VERSION, views, host.refusals());
    }

}
