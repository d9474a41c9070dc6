package io.attentionflow.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attentionflow.app.boot.AflowConfig;
import io.attentionflow.app.item.ItemService;
import io.attentionflow.app.plugin.PluginHost;
import io.attentionflow.app.project.Project;
import io.attentionflow.app.project.ProjectRequest;
import io.attentionflow.app.project.ProjectService;
import io.attentionflow.app.researcher.ResearcherService;
import io.attentionflow.app.security.CredentialRepository;
import io.attentionflow.plugin.api.DemoProject;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * On start, makes sure a demo researcher exists and owns one active demo project per installed game that
 * offers one, so a newcomer can open the page and play at once. Runs again harmlessly on every start.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    private final AflowConfig config;
    private final CredentialRepository credentials;
    private final ResearcherService researchers;
    private final ProjectService projects;
    private final ItemService items;
    private final PluginHost plugins;
    private final ObjectMapper json;

    public DemoSeeder(AflowConfig config, CredentialRepository credentials, ResearcherService researchers,
                      ProjectService projects, ItemService items, PluginHost plugins, ObjectMapper json) {
        this.config = config;
        this.credentials = credentials;
        this.researchers = researchers;
        this.projects = projects;
        this.items = items;
        this.plugins = plugins;
        this.json = json;
    }

    void seed(@Observes @Priority(20) StartupEvent startup) {
        if (!config.demo().enabled()) {
            return;
        }
        String token = config.demo().researcherToken();
        long researcherId = credentials.find(token)
                .chain(found -> found.isPresent() ? io.smallrye.mutiny.Uni.createFrom().item(found.get().subjectId())
                        : researchers.register("Demo researcher", token))
                .await().indefinitely();
        var owned = projects.ownedBy(researcherId).await().indefinitely();
        for (PluginHost.InstalledGame game : plugins.games()) {
            game.game().demoProject().ifPresent(demo -> {
                if (owned.stream().noneMatch(p -> p.name().equals(demo.name()))) {
                    Project project = create(researcherId, game.game().id(), demo);
                    LOG.infof("Seeded demo project %d '%s' (%s) with %d items", project.id(), demo.name(), game.game().id(), demo.items().size());
                }
            });
        }
        LOG.infof("Demo researcher token: %s (see README, Quick start)", token);
    }

    private Project create(long researcherId, String gameType, DemoProject demo) {
        Project project = projects.create(researcherId, new ProjectRequest(demo.name(), gameType, demo.labels(), 3,
                        demo.labels().isEmpty() ? 1000 : 5, 0.9, 0.1, null, null, null), null)
                .await().indefinitely();
        StringBuilder lines = new StringBuilder();
        for (Map<String, String> row : demo.items()) {
            try {
                lines.append(json.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        items.upload(project, "application/jsonl", lines.toString()).await().indefinitely();
        return projects.activate(researcherId, project.id()).await().indefinitely();
    }
}
