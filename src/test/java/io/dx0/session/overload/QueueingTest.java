package io.dx0.session.overload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Below capacity nobody is turned away: with one place per path, work that finds it taken waits its
 * turn and is answered, where an instantaneous limit refused it.
 * {@link OverloadTest} shows the refusals past the bounds.
 */
@QuarkusTest
@TestProfile(QueueingTest.OnePlace.class)
class QueueingTest extends GatedServiceTest {

    public static class OnePlace extends GatedProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a cold test JVM's first calls take tens of ms each: room for a burst of 30 in line
            return onePlace(List.of("chat", "rest"), "10s");
        }
    }

    private static String login(String user, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("username", user, "password", password)).post("/api/v1/login").then().statusCode(200)
                .extract().path("access_token");
    }

    @Test
    void aBurstOfCallsAtAPathWithOnePlaceIsAnsweredInTurnNoneRefusedNoneLost() throws Exception {
        conversation.open();
        String ann = login("ann", "pw-2a", "203.0.113.10");
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/session/charges"))
                    .header("Authorization", "Bearer " + ann).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        JsonNode session = new com.fasterxml.jackson.databind.ObjectMapper().readTree(given().auth().oauth2(ann)
                .get("/api/v1/session").then().statusCode(200).extract().asString());
        assertThat(session.at("/budget/spent").decimalValue()).as("every charge made, each once")
                .isEqualByComparingTo("30");
        String metrics = Management.given().accept("text/plain").get("/q/metrics").asString();
        assertThat(metrics).as("some waited in line")
                .containsPattern("dx0_admission_wait_seconds_count\\{path=\"rest\",?\\} [1-9]");
        assertThat(metrics).containsPattern("dx0_admission_refusals_total\\{path=\"rest\",reason=\"limit\",?\\} 0");
    }

    @Test
    void aMessageThatFindsTheOnePlaceTakenWaitsForItAndIsAnsweredNotRefused() throws Exception {
        conversation.close();
        String ann = login("ann", "pw-2a", "203.0.113.11");
        String cy = login("cy", "pw-2y", "203.0.113.12");
        try (WsClient a = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + ann, ORIGIN);
                WsClient c = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + cy, ORIGIN)) {
            a.send(Map.of("action", "question", "content", "cough?"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight(WorkPath.CHAT) == 1);
            c.send(Map.of("action", "test", "content", "complete blood count"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> admission.waiting(WorkPath.CHAT) == 1);
            conversation.open();
            JsonNode aReply = a.next();
            assertThat(aReply.path("reply").asText()).isEqualTo("ok");
            assertThat(aReply.path("done").asBoolean()).as("a one-chunk reply is one frame").isTrue();
            JsonNode first = c.next();
            assertThat(first.path("code").asText()).as("not busy: it waited its turn").isEmpty();
            assertThat(first.path("reply").asText()).isEqualTo("ok");
            assertThat(first.path("done").asBoolean()).as("a one-chunk reply is one frame").isTrue();
        }
        assertThat(admission.waiting(WorkPath.CHAT)).isZero();
    }
}
