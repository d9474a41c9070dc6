package io.attentionflow.app.export;

import static io.attentionflow.app.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;

import io.attentionflow.app.Api;
import io.attentionflow.app.answer.AnswerRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A download of a project's answers streams them page by page from PostgreSQL, and a page may not come in time (the
 * database stalled; here the page's read fails as a timed-out read does). A researcher must never take a download that
 * broke off for a complete one.
 */
@QuarkusTest
class ExportFailureTest {

    @InjectSpy
    ResultService results;

    private String researcher;
    private String download;

    @BeforeEach
    void answeredProject() {
        researcher = Api.researcher();
        long project = Api.project(researcher, 1, 3, 0.99, "cat", "dog");
        Api.itemsAndActivate(researcher, project, 5);
        String player = Api.guest();
        Api.submitAll(player, Api.round(player, project), "cat").then().statusCode(200);
        download = "/api/v1/projects/" + project + "/answers.csv";
        assertEquals(6, as(researcher).get(download).then().statusCode(200).extract().asString().strip().split("\n").length,
                "the header and five answers, before any failure");
    }

    @Test
    void aDownloadWhoseFirstPageIsNotReadInTimeIsRefusedWith503RatherThanAHeaderAlone() {
        doReturn(Multi.createFrom().failure(new TimeoutException("the answers were not read within 2000 ms")))
                .when(results).answers(any());

        as(researcher).get(download).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "1").body("status", equalTo(503));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDownloadWhoseLaterPageFailsBreaksOffInsteadOfEndingAsIfComplete() {
        doAnswer(invocation -> ((Multi<AnswerRepository.ExportedAnswer>) invocation.callRealMethod())
                .onCompletion().failWith(() -> new TimeoutException("the next page was not read within 2000 ms")))
                .when(results).answers(any());

        assertThrows(Exception.class, () -> as(researcher).get(download).then().extract().asString(),
                "the client sees the download break off");
    }
}
