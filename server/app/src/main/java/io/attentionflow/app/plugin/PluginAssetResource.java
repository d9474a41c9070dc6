package io.attentionflow.app.plugin;

import io.attentionflow.app.http.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Browser modules and assets that plugins ship in their jars, at {@code /plugins/{pluginId}/{path}}. */
@Path("/plugins")
public class PluginAssetResource {

    private final PluginHost host;

    public PluginAssetResource(PluginHost host) {
        this.host = host;
    }

    @GET
    @Path("{pluginId}/{path: .+}")
    public Response asset(@PathParam("pluginId") String pluginId, @PathParam("path") String path) {
        InputStream in = host.asset(pluginId, path)
                .orElseThrow(() -> ApiException.notFound("path", "plugin '" + pluginId + "' has no file " + path));
        return Response.ok(in, contentType(path)).header("Cache-Control", "no-cache").build();
    }

    private static String contentType(String path) {
        if (path.endsWith(".js") || path.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (path.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }
}
