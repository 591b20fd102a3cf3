package io.dx0.session.chat.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.LogCapture;
import io.dx0.session.testsupport.ShiftedClock;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;

/**
 * The Dx0 chat protocol over real sockets; run once per backend by the subclasses. Test config:
 * 5 messages per 3 s, budget 25, allowed origin http://localhost:3000, 16 KiB frames.
 */
abstract class ChatScenarios {

    protected static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionStore store;

    protected String access;
    protected String refresh;

    @BeforeEach
    void login() {
        Map<String, Object> tokens = given().contentType(ContentType.JSON)
                .body(Map.of("username", "ann", "password", "pw-2a")).post("/api/v1/login")
                .then().statusCode(200).extract().jsonPath().getMap("");
        access = tokens.get("access_token").toString();
        refresh = tokens.get("refresh_token").toString();
    }

    protected WsClient open() throws Exception {
        return WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN);
    }

    protected int upgrade(String path, Map<String, String> headers) throws Exception {
        return WsClient.upgradeStatus(base.getPort(), path, headers);
    }

    @Test
    void questionStreamsChunksTheLastOfThemCarryingDoneAndTheTotalsAsDx0Does() throws Exception {
        try (WsClient ws = open()) {
            List<JsonNode> frames = ws.exchange("question", "Does the cough get worse at night?");
            assertThat(frames).hasSizeGreaterThan(1);
            List<JsonNode> chunks = frames.subList(0, frames.size() - 1);
            assertThat(chunks).allSatisfy(f -> assertThat(f.get("done").asBoolean()).isFalse());
            assertThat(frames).as("no empty trailing frame: every frame is a chunk of the reply")
                    .allSatisfy(f -> assertThat(f.get("reply").asText()).isNotEmpty());
            assertThat(frames.stream().map(f -> f.get("reply").asText()).reduce("", String::concat))
                    .contains("worse at night");
            JsonNode last = frames.get(frames.size() - 1);
            assertThat(last.get("done").asBoolean()).isTrue();
            assertThat(last.get("cost").decimalValue()).isZero();
            assertThat(last.get("total_spent").decimalValue()).isZero();
            assertThat(last.get("remaining_budget").decimalValue()).isEqualByComparingTo("25");
            assertThat(last.get("ordered_tests")).isEmpty();
        }
    }

    @Test
    void testIsChargedBeforeItsResultAndABudgetOverrunChargesNothing() throws Exception {
        try (WsClient ws = open()) {
            List<JsonNode> ordered = ws.exchange("test", "Complete Blood Count");
            JsonNode last = ordered.get(ordered.size() - 1);
            assertThat(last.get("cost").decimalValue()).isEqualByComparingTo("10");
            assertThat(last.get("total_spent").decimalValue()).isEqualByComparingTo("10");
            assertThat(last.get("remaining_budget").decimalValue()).isEqualByComparingTo("15");
            assertThat(last.get("ordered_tests").get(0).asText()).isEqualTo("complete blood count");

            JsonNode refused = ws.exchange("test", "basic metabolic panel").get(0);
            assertThat(refused.get("code").asText()).isEqualTo("budget_exceeded");
            assertThat(refused.get("error").asText()).isNotBlank();

            JsonNode unknown = ws.exchange("test", "x-ray of the moon").get(0);
            assertThat(unknown.get("code").asText()).isEqualTo("unknown_test");
            assertThat(unknown.get("error").asText()).as("names what can be ordered")
                    .isEqualTo("Not in the test catalogue; it has: complete blood count, basic metabolic panel");
            assertThat(ws.exchange("diagnosis", "asthma").get(0).get("code").asText()).isEqualTo("not_supported");
            assertThat(ws.exchange("question", "Any fever?")).last()
                    .satisfies(f -> assertThat(f.get("done").asBoolean()).as("socket stayed open").isTrue());
        }
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200)
                .body("budget.spent", org.hamcrest.Matchers.equalTo(10.0f))
                .body("ordered_tests", org.hamcrest.Matchers.contains("complete blood count"));
    }

    @Test
    void spentAndOrderedTestsSurviveAReconnect() throws Exception {
        try (WsClient ws = open()) {
            ws.exchange("test", "complete blood count");
        }
        try (WsClient ws = open()) {
            List<JsonNode> frames = ws.exchange("test", "complete blood count");
            JsonNode last = frames.get(frames.size() - 1);
            assertThat(last.get("total_spent").decimalValue()).isEqualByComparingTo("20");
            assertThat(last.get("ordered_tests")).hasSize(2);
        }
    }

    @Test
    void invalidFramesAreAnsweredAndNotCountedThenTheLimitClosesWith1013() throws Exception {
        try (WsClient ws = open()) {
            for (String bad : List.of("not json", "[]", "{\"action\":\"sing\",\"content\":\"x\"}",
                    "{\"action\":\"question\",\"content\":\"\"}", "{\"action\":\"question\"}",
                    "{\"action\":\"question\",\"content\":" + "\"" + "x".repeat(10_001) + "\"}",
                    "{\"action\":\"question\",\"content\":\"a\",\"content\":\"b\"}",
                    "{\"action\":\"question\",\"content\":\"a\"} {}")) {
                ws.send(bad);
                JsonNode error = ws.next();
                assertThat(error.get("code").asText()).as(bad).isEqualTo("invalid_message");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(ws.exchange("question", "cough?")).last()
                        .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
            }
            JsonNode limited = ws.exchange("question", "cough?").get(0);
            assertThat(limited.get("code").asText()).isEqualTo("rate_limited");
            assertThat(limited.get("error").asText()).isEqualTo("Rate limit exceeded");
            assertThat(limited.get("retry_after_ms").asLong()).isBetween(1L, 3000L);
            assertThat(ws.awaitClose(Duration.ofSeconds(2))).isEqualTo(1013);
        }
    }

    @Test
    void rateLimitIsSharedByTheSessionsSockets() throws Exception {
        try (WsClient a = open(); WsClient b = open()) {
            for (int i = 0; i < 3; i++) {
                a.exchange("question", "cough?");
            }
            b.exchange("question", "cough?");
            b.exchange("question", "cough?");
            assertThat(a.exchange("question", "cough?").get(0).get("code").asText()).isEqualTo("rate_limited");
        }
    }

    @Test
    void logoutClosesEverySocketOfTheSessionWith1008() throws Exception {
        try (WsClient a = open(); WsClient b = open()) {
            given().contentType(ContentType.JSON).body(Map.of("refresh_token", refresh)).post("/api/v1/logout")
                    .then().statusCode(200);
            assertThat(a.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(b.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(a.closeReason()).isEqualTo("session ended");
        }
    }

    /**
     * A session that expired while its socket was idle (the store knows, no announcement came):
     * the next message is answered {@code session_ended} and the socket closes with 1008.
     */
    @Test
    void aMessageAfterTheSessionExpiredIsAnsweredSessionEndedAndCloses() throws Exception {
        Assumptions.assumeFalse(store.name().startsWith("redis"),
                "Redis expires sessions by its own TIME, which a test cannot move by an hour");
        ShiftedClock clock = ShiftedClock.installed();
        try (WsClient ws = open()) {
            assertThat(ws.exchange("question", "cough?")).last()
                    .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
            clock.advance(Duration.ofHours(1));
            JsonNode ended = ws.exchange("question", "cough?").get(0);
            assertThat(ended.get("code").asText()).isEqualTo("session_ended");
            assertThat(ended.get("error").asText()).isEqualTo("Session ended");
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("session ended");
        }
    }

    @Test
    void theConsoleOffersItsTokenBesideTheBearerSubprotocolNotInTheUrl() throws Exception {
        Map<String, String> offered = Map.of("Origin", "http://localhost:3000", WsClient.SUBPROTOCOLS,
                "dx0.bearer, " + access);
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws", offered)) {
            assertThat(ws.subprotocol()).as("the service answers with the protocol, never echoes the token")
                    .isEqualTo("dx0.bearer");
            assertThat(ws.exchange("question", "cough?")).last()
                    .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
        }
        assertThat(upgrade("/api/v1/ws", Map.of("Origin", "http://localhost:3000", WsClient.SUBPROTOCOLS,
                "dx0.bearer, garbage"))).isEqualTo(401);
    }

    @Test
    void upgradeIsRefusedWithoutAValidTokenOrFromAForeignOrigin() throws Exception {
        assertThat(upgrade("/api/v1/ws", ORIGIN)).isEqualTo(401);
        assertThat(upgrade("/api/v1/ws?token=garbage", ORIGIN)).isEqualTo(401);
        assertThat(upgrade("/api/v1/ws?token=" + access, Map.of("Origin", "https://evil.example"))).isEqualTo(403);
        // No Origin is no browser page, and CSWSH needs one; a script can send any Origin it likes, so
        // refusing its absence protected nothing and shut out Dx0's Python client. The token decides.
        assertThat(upgrade("/api/v1/ws?token=" + access, Map.of())).as("no Origin: not a browser").isEqualTo(101);
        assertThat(upgrade("/api/v1/ws", Map.of())).as("no Origin, no token").isEqualTo(401);
        assertThat(upgrade("/api/v1/ws?token=" + access, Map.of("Origin", "http://127.0.0.1:" + (base.getPort() + 1))))
                .as("another port of the same host").isEqualTo(403);
        assertThat(upgrade("/api/v1/ws?token=" + access, Map.of("Origin", "http://127.0.0.1:" + base.getPort())))
                .as("the service's own origin: the console it serves").isEqualTo(101);
        assertThat(upgrade("/api/v1/ws", Map.of("Origin", "http://localhost:3000", "Authorization", "Bearer " + access)))
                .as("a Bearer header works too").isEqualTo(101);
        assertThat(upgrade("/api/v1/ws?token=" + access + "&budget=abc", ORIGIN)).isEqualTo(400);

        given().auth().oauth2(access).post("/api/v1/logout").then().statusCode(200);
        assertThat(upgrade("/api/v1/ws?token=" + access, ORIGIN)).as("token of an ended session").isEqualTo(401);
    }

    @Test
    void aSixthSocketOfOneSessionIsRefusedWith429() throws Exception {
        List<WsClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(open());
            }
            assertThat(upgrade("/api/v1/ws?token=" + access, ORIGIN)).isEqualTo(429);
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void concurrentUpgradesOfOneSessionNeverExceedTheCap() throws Exception {
        List<WsClient> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<java.util.concurrent.CompletableFuture<Integer>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    opened.add(open());
                    return 101;
                } catch (io.vertx.core.http.UpgradeRejectedException e) {
                    return e.getStatus();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        try {
            List<Integer> statuses = attempts.stream().map(java.util.concurrent.CompletableFuture::join).toList();
            assertThat(statuses).filteredOn(s -> s == 101).hasSize(5);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
        } finally {
            opened.forEach(WsClient::close);
        }
    }

    @Test
    void budgetParameterLowersTheLimitButNeverRaisesIt() throws Exception {
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access + "&budget=5", ORIGIN)) {
            assertThat(ws.exchange("test", "complete blood count").get(0).get("code").asText())
                    .isEqualTo("budget_exceeded");
        }
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access + "&budget=100", ORIGIN)) {
            assertThat(ws.exchange("question", "fever?")).last()
                    .satisfies(f -> assertThat(f.get("remaining_budget").decimalValue()).isEqualByComparingTo("5"));
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesWith1009WhateverItsSizeAndLogsNoError() throws Exception {
        try (LogCapture log = LogCapture.of("")) {
            for (int size : new int[] { 20_000, 60_000, 70_000, 1_000_000 }) {
                try (WsClient ws = open()) {
                    ws.send("{\"action\":\"question\",\"content\":\"" + "x".repeat(size) + "\"}");
                    assertThat(ws.awaitClose(Duration.ofSeconds(5))).as("%d bytes", size).isEqualTo(1009);
                }
            }
            assertThat(log.records()).as("a client's oversized frame is no error of the service")
                    .noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
        }
        try (WsClient ws = open()) {
            assertThat(ws.exchange("question", "cough?")).last()
                    .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
        }
    }

    @Test
    void invalidFramesPastTheAllowanceOfTheWindowCloseWith1008() throws Exception {
        try (WsClient ws = open()) {
            for (int i = 0; i < 10; i++) {
                ws.send("not json " + i);
                assertThat(ws.next().get("code").asText()).isEqualTo("invalid_message");
            }
            assertThat(ws.isClosed()).isFalse();
            ws.send("not json, once too often");
            assertThat(ws.next().get("code").asText()).isEqualTo("invalid_message");
            assertThat(ws.awaitClose(Duration.ofSeconds(2))).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("too many invalid messages");
        }
    }

    @Test
    void pingsSpendTheFrameBudgetAndPastItCloseWith1008BeforeAnotherPong() throws Exception {
        try (WsClient ws = open()) {
            for (int i = 0; i < 10; i++) {
                ws.ping();
            }
            assertThat(ws.exchange("question", "cough?")).last()
                    .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
            ws.ping();
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(ws.closeReason()).isEqualTo("too many frames");
        }
    }

    @Test
    void publicCaseAndCatalogue() {
        given().get("/api/v1/case").then().statusCode(200)
                .body("summary", org.hamcrest.Matchers.equalTo("A 30 year old with cough"));
        given().get("/api/v1/tests").then().statusCode(200)
                .body("tests", org.hamcrest.Matchers.contains("complete blood count", "basic metabolic panel"))
                .body("prices[1].price", org.hamcrest.Matchers.equalTo(20.0f));
    }
}
