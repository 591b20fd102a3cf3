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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RawWebSocket;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A service with tiny admission bounds (one piece of work per path, a millisecond of queueing, one
 * message per socket) driven past them: refusals come at once and are well formed, nothing refused is
 * counted or charged, nothing accepted is lost, and work in progress never exceeds the bound (a count,
 * not a time). {@link QueueingTest} shows the other side: below the bounds nothing is refused.
 */
@QuarkusTest
@TestProfile(OverloadTest.Tiny.class)
class OverloadTest extends GatedServiceTest {

    public static class Tiny extends GatedProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = onePlace(List.of("chat", "rest", "upgrade"), "1ms");
            config.put("session.overload.login-queue", "1ms");
            config.put("session.ws.max-messages-in-progress", "1");
            config.put("session.ws.send-timeout", "1s");
            return config;
        }
    }

    @BeforeEach
    void closeTheGate() {
        conversation.close();
    }

    private static Map<String, Object> login(String user, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2." + (int) (Math.random() * 200 + 1))
                .body(Map.of("username", user, "password", password)).post("/api/v1/login").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static JsonNode session(Object access) throws Exception {
        String body = given().auth().oauth2(access.toString()).get("/api/v1/session").then().statusCode(200).extract()
                .asString();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    }

    @Test
    void framesSentWhileTheSocketsMessageIsInProgressSpendItsFrameBudgetWhateverTheyHold() throws Exception {
        Map<String, Object> ann = login("ann", "pw-2a");
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + ann.get("access_token"), ORIGIN)) {
            ws.send(Map.of("action", "question", "content", "cough?"));
            for (int i = 0; i < 11; i++) {
                ws.send("{\"action\":\"nonsense\"}");
            }
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("too many frames");
        }
    }

    @Test
    void aSocketThatPipelinesPastItsBoundIsRefusedAtOnceAndNothingOfItIsCountedOrCharged() throws Exception {
        Map<String, Object> ann = login("ann", "pw-2a");
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + ann.get("access_token"), ORIGIN)) {
            for (int i = 0; i < 3; i++) {
                ws.send(Map.of("action", "test", "content", "complete blood count"));
            }
            long started = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                JsonNode busy = ws.next();
                assertThat(busy.path("code").asText()).isEqualTo("busy");
                assertThat(busy.path("retry_after_ms").asLong()).isPositive();
                assertThat(busy.path("error").asText()).contains("previous message");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, while the first waits")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(admission.limit(WorkPath.CHAT)).isEqualTo(1);
            conversation.open();
            JsonNode reply = ws.next();
            assertThat(reply.path("reply").asText()).as("a one-chunk reply is one frame").isEqualTo("ok");
            assertThat(reply.path("done").asBoolean()).isTrue();
            assertThat(ws.isClosed()).as("the socket stays open").isFalse();
        }
        JsonNode after = session(ann.get("access_token"));
        assertThat(after.at("/budget/spent").decimalValue()).as("charged once, for the one answered")
                .isEqualByComparingTo("1.00");
        assertThat(after.at("/rate/remaining").asInt()).as("counted once").isEqualTo(99);
    }

    @Test
    void pastTheChatPathsLimitAnotherSessionsMessageIsRefusedAndTheStoreSeesNoWorkForIt() throws Exception {
        Map<String, Object> ann = login("ann", "pw-2a");
        Map<String, Object> cy = login("cy", "pw-2y");
        try (WsClient a = socket(ann); WsClient c = socket(cy)) {
            int before = takeThePlace(a);
            // The gate holds the first message until conversation.open(): an answer arriving before that
            // is, by construction, a refusal made at once and not a place in a queue (no wall-clock bound).
            c.send(Map.of("action", "test", "content", "complete blood count"));
            JsonNode busy = c.next();
            assertThat(conversation.replies()).as("the first message is still held, nothing else started")
                    .isEqualTo(before + 1);
            assertThat(busy.path("code").asText()).isEqualTo("busy");
            assertThat(busy.path("error").asText()).contains("busy");
            conversation.open();
            JsonNode aReply = a.next();
            assertThat(aReply.path("reply").asText()).isEqualTo("ok");
            assertThat(aReply.path("done").asBoolean()).as("a one-chunk reply is one frame").isTrue();
            List<JsonNode> retried = c.exchange("test", "complete blood count");
            assertThat(retried.get(retried.size() - 1).path("done").asBoolean()).as("answered once retried").isTrue();
        }
        JsonNode cySession = session(cy.get("access_token"));
        assertThat(cySession.at("/budget/spent").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(cySession.at("/rate/remaining").asInt()).isEqualTo(99);
        assertThat(Management.given().accept("text/plain").get("/q/metrics").asString())
                .containsPattern("dx0_admission_refusals_total\\{path=\"chat\",reason=\"limit\",?\\} [1-9]");
    }

    @Test
    void aMessageResentTheInstantItsSocketReadBusyWaitsOnTheServerUntilTheTimeItWasTold() throws Exception {
        Map<String, Object> ann = login("ann", "pw-2a");
        Map<String, Object> cy = login("cy", "pw-2y");
        try (WsClient a = socket(ann); WsClient c = socket(cy)) {
            int before = takeThePlace(a);
            // refused once, waiting as told, so that the refusal path has run before anything is timed
            JsonNode busy = refusedPatiently(c);
            long told = busy.path("retry_after_ms").asLong();
            assertThat(told).as("never less than 50 ms").isGreaterThanOrEqualTo(50);
            c.send(Map.of("action", "question", "content", "fever?")); // at once, ignoring retry_after_ms
            long read = System.nanoTime();
            JsonNode again = c.next();
            long waited = Duration.ofNanos(System.nanoTime() - read).toMillis();
            assertThat(again.path("code").asText()).as("the path was still full when its time came").isEqualTo("busy");
            // refused again within a round trip without the hold; the bound leaves half the told time for
            // the busy frame's way to this client
            assertThat(waited).as("held on the server until the time it was told").isGreaterThanOrEqualTo(told / 2);
            assertThat(conversation.replies()).as("nothing of c's reached the handler").isEqualTo(before + 1);
            assertThat(Management.given().accept("text/plain").get("/q/metrics").asString())
                    .containsPattern("dx0_chat_early_messages_total(\\{\\})? [1-9]");
            conversation.open();
            JsonNode aReply = a.next();
            assertThat(aReply.path("reply").asText()).isEqualTo("ok");
            assertThat(aReply.path("done").asBoolean()).as("a one-chunk reply is one frame").isTrue();
            List<JsonNode> patient = c.exchange("question", "fever?");
            assertThat(patient.get(patient.size() - 1).path("done").asBoolean()).as("answered once there is room")
                    .isTrue();
        }
    }

    private WsClient socket(Map<String, Object> tokens) throws Exception {
        return WsClient.connect(base.getPort(), "/api/v1/ws?token=" + tokens.get("access_token"), ORIGIN);
    }

    /**
     * A message from {@code a} reaches the handler and is held there by the closed gate: the chat path's one
     * place is taken. Returns the handler's count of replies started before it.
     */
    private int takeThePlace(WsClient a) throws Exception {
        int before = conversation.replies();
        a.send(Map.of("action", "question", "content", "cough?"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> conversation.replies() == before + 1);
        return before;
    }

    /** Sends, is refused, waits the time it was told, sends again and is refused again: the second busy. */
    private static JsonNode refusedPatiently(WsClient ws) throws Exception {
        ws.send(Map.of("action", "question", "content", "fever?"));
        JsonNode busy = ws.next();
        assertThat(busy.path("code").asText()).isEqualTo("busy");
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(busy.path("retry_after_ms").asLong() + 20))
                .until(() -> true);
        ws.send(Map.of("action", "question", "content", "fever?"));
        JsonNode again = ws.next();
        assertThat(again.path("code").asText()).isEqualTo("busy");
        return again;
    }

    @Test
    void pastTheRestAndLoginLimitsCallsAre503WithRetryAfterAtOnceAndNothingAcceptedIsLost() throws Exception {
        Map<String, Object> ann = login("ann", "pw-2a");
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/session/charges"))
                    .header("Authorization", "Bearer " + ann.get("access_token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            calls.add(client.sendAsync(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/login"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100." + (i + 1))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ben\",\"password\":\"pw-2b\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int charged = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
            if (r.statusCode() == 503) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(r.body()).contains("\"status\":503").contains("\"detail\"");
            } else if (r.uri().getPath().endsWith("charges")) {
                charged++;
            }
        }
        assertThat(refused).as("one call per path at once: some of 80 are refused").isPositive();
        assertThat(session(ann.get("access_token")).at("/budget/spent").decimalValue())
                .as("every charge answered 200 is in the store, and only those")
                .isEqualByComparingTo(Integer.toString(charged));
        assertThat(Management.given().accept("text/plain").get("/q/metrics").asString())
                .containsPattern("dx0_admission_limit\\{path=\"rest\",?\\} 1");
    }

    @Test
    void aClientThatStopsReadingIsClosedAndGivesItsPlaceBack() throws Exception {
        Map<String, Object> ann = login("ann", "pw-2a");
        try (RawWebSocket raw = RawWebSocket.open(base.getPort(), ann.get("access_token").toString())) {
            raw.out().write(RawWebSocket.text("{\"action\":\"question\",\"content\":\"flood\"}"));
            raw.out().flush();
            // ...and never read again: the reply fills the buffers, the write waits past send-timeout (1 s)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> admission.inFlight(WorkPath.CHAT) == 0 && conversation.replies() >= 1);
        }
        Map<String, Object> cy = login("cy", "pw-2y");
        conversation.open();
        try (WsClient c = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + cy.get("access_token"), ORIGIN)) {
            List<JsonNode> frames = c.exchange("question", "cough?");
            assertThat(frames.get(frames.size() - 1).path("done").asBoolean())
                    .as("the chat path's one place came back: the next client is served").isTrue();
        }
    }

    @Test
    void pastTheUpgradeLimitAnUpgradeIs503() throws Exception {
        Admission.Permit permit = admission.acquire(WorkPath.UPGRADE).await().atMost(Duration.ofSeconds(5));
        try {
            Map<String, Object> ann = login("ann", "pw-2a");
            assertThat(WsClient.upgradeStatus(base.getPort(), "/api/v1/ws?token=" + ann.get("access_token"), ORIGIN))
                    .as("the one place is held longer than the line's millisecond").isEqualTo(503);
        } finally {
            permit.ignored();
        }
    }
}
