package io.dx0.session.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.testsupport.FreshCredentials;
import io.dx0.session.testsupport.PackagedApp;
import io.dx0.session.testsupport.RealTime;
import io.dx0.session.testsupport.WsClient;

/**
 * Two packaged service instances on one shared backend, as two replicas behind a load balancer: the
 * rate limit, the budget and the login lockout are each one limit however requests are split, and a
 * session ended on one replica closes its sockets on the other. Each backend that replicas can share
 * runs it ({@link TwoReplicasOnRedisIT}, {@link TwoReplicasOnPostgresIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoReplicasContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private PackagedApp a;
    private PackagedApp b;

    /** Starts the shared backend; the settings that point a replica at it. */
    protected abstract Map<String, String> startBackend();

    protected abstract void stopBackend();

    @BeforeAll
    void start() {
        Map<String, String> backend = startBackend();
        // Cost-4 users, as this test always had: what it judges is the gates' bound across replicas, not
        // bcrypt's pace. With production's cost 10, 150 logins at once from one address queue ~2 s of
        // checks behind its gate, near where the service starts answering 503 (ADR 0018).
        Map<String, String> env = new HashMap<>(backend);
        env.putAll(Map.ofEntries(
                Map.entry("SESSION_USERS_FILE", FreshCredentials.usersFile(4)),
                Map.entry("SESSION_USERS_MIN_BCRYPT_COST", "4"),
                Map.entry("SESSION_JWT_SECRET", FreshCredentials.secret()),
                Map.entry("SESSION_RATE_LIMIT_MESSAGES", "4"),
                Map.entry("SESSION_RATE_LIMIT_WINDOW", "30s"),
                Map.entry("SESSION_IDLE_TIMEOUT", "4s"),
                Map.entry("SESSION_REFRESH_REUSE_LEEWAY", "1s"),
                Map.entry("SESSION_BUDGET_DEFAULT_LIMIT", "100"),
                Map.entry("SESSION_LOGIN_TRUSTED_PROXIES", "127.0.0.1/32")));
        a = PackagedApp.start(env);
        b = PackagedApp.start(env);
        assertThat(a.isRunning() && b.isRunning()).as(a.output() + b.output()).isTrue();
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        stopBackend();
    }

    private JsonNode login() throws Exception {
        var r = a.post("/api/v1/login", "{\"username\":\"ben\",\"password\":\"pw-2b\"}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static WsClient socket(PackagedApp app, JsonNode tokens) throws Exception {
        return WsClient.connect(app.port(), "/api/v1/ws?token=" + tokens.get("access_token").asText(), Map.of());
    }

    @Test
    void oneSessionGetsOneRateLimitAcrossReplicas() throws Exception {
        JsonNode tokens = login();
        try (WsClient onA = socket(a, tokens); WsClient onB = socket(b, tokens)) {
            onA.exchange("question", "cough?");
            onB.exchange("question", "cough?");
            onA.exchange("question", "fever?");
            onB.exchange("question", "night?");
            assertThat(onB.exchange("question", "smoking?").get(0).get("code").asText()).isEqualTo("rate_limited");
            assertThat(onB.awaitClose(Duration.ofSeconds(2))).isEqualTo(1013);
            assertThat(onA.exchange("question", "asthma?").get(0).get("code").asText()).isEqualTo("rate_limited");
        }
    }

    @Test
    void logoutOnOneReplicaClosesTheSocketOnTheOtherWithinOneSecond() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode tokens = login();
            try (WsClient onB = socket(b, tokens)) {
                long start = System.nanoTime();
                var logout = a.post("/api/v1/logout",
                        "{\"refresh_token\":\"" + tokens.get("refresh_token").asText() + "\"}", null);
                assertThat(logout.statusCode()).isEqualTo(200);
                assertThat(onB.awaitClose(Duration.ofSeconds(1))).isEqualTo(1008);
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(onB.closeReason()).isEqualTo("session ended");
            }
        }
        Collections.sort(millis);
        System.out.printf("logout on A -> close on B, ms (sorted, 5 runs): %s%n", millis);
    }

    /**
     * A refresh token rotated on A and presented again on B: inside the 1 s leeway it is a retry (a
     * new pair, the session lives); after it, reuse of a stolen token: 401 on B, and the socket the
     * session holds on A closes with 1008 because B's verdict reached A through the shared backend.
     */
    @Test
    void aRefreshReplayedOnTheOtherReplicaPastTheLeewayEndsTheSessionEverywhere() throws Exception {
        JsonNode tokens = login();
        String stolen = "{\"refresh_token\":\"" + tokens.get("refresh_token").asText() + "\"}";
        // the socket first: the retry below must follow the rotation within the 1 s leeway
        try (WsClient onA = socket(a, tokens)) {
            var rotated = a.post("/api/v1/refresh", stolen, null);
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            var retried = b.post("/api/v1/refresh", stolen, null);
            assertThat(retried.statusCode()).as("a retry inside the leeway: " + retried.body()).isEqualTo(200);
            assertThat(onA.isClosed()).isFalse();

            RealTime.elapse(Duration.ofMillis(1100)); // the leeway runs on Redis TIME, or each replica's clock
            var replayed = b.post("/api/v1/refresh", stolen, null);
            assertThat(replayed.statusCode()).as("reuse after the leeway: " + replayed.body()).isEqualTo(401);
            assertThat(onA.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
            assertThat(onA.closeReason()).isEqualTo("session ended");
        }
        assertThat(a.get("/api/v1/session", tokens.get("access_token").asText()).statusCode())
                .as("the session is gone on A too").isEqualTo(401);
    }

    @Test
    void idleExpiryClosesTheSessionsSocketsOnEveryReplica() throws Exception {
        JsonNode tokens = login();
        try (WsClient onA = socket(a, tokens); WsClient onB = socket(b, tokens)) {
            long start = System.nanoTime();
            assertThat(onA.awaitClose(Duration.ofSeconds(6))).isEqualTo(1008);
            assertThat(onB.awaitClose(Duration.ofSeconds(1))).isEqualTo(1008);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsed).as("closed at the 4 s idle expiry, within a second of it").isBetween(3_000L, 5_000L);
        }
    }

    /** Runs {@code n} calls at once on a pool of 32 threads, call {@code i} on replica {@code i % 2}; their results in order. */
    private <T> List<T> concurrently(int n, java.util.function.BiFunction<PackagedApp, Integer, T> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(index % 2 == 0 ? a : b, index);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHundredConcurrentChargesOverBothReplicasAcceptExactlyWhatFits() throws Exception {
        String access = login().get("access_token").asText();
        List<Integer> statuses = concurrently(200,
                (app, i) -> app.post("/api/v1/session/charges", "{\"amount\": 1.00}", access).statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(100);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(100);
        JsonNode budget = JSON.readTree(b.get("/api/v1/session", access).body()).get("budget");
        assertThat(budget.get("spent").decimalValue()).isEqualByComparingTo("100");
        assertThat(budget.get("remaining").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void messagesOfOneSessionOverBothReplicasAcceptExactlyTheLimit() throws Exception {
        JsonNode tokens = login();
        List<WsClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                sockets.add(socket(i % 2 == 0 ? a : b, tokens));
            }
            List<String> outcomes = concurrently(10, (app, i) -> {
                try {
                    List<JsonNode> frames = sockets.get(i).exchange("question", "cough " + i + "?");
                    return frames.get(frames.size() - 1).path("code").asText("answered");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(outcomes).filteredOn("answered"::equals).hasSize(4);
            assertThat(outcomes).filteredOn("rate_limited"::equals).hasSize(6);
        } finally {
            sockets.forEach(WsClient::close);
        }
    }

    /** max-failures 5 + max-in-flight-per-address 4 − 1: the bound holds for both replicas together. */
    @Test
    void concurrentBadLoginsFromOneIpOverBothReplicasAreCheckedAtMostEightTimes() throws Exception {
        List<Integer> statuses = concurrently(150, (app, i) -> app.postFrom("203.0.113.77", "/api/v1/login",
                "{\"username\":\"mallory" + i + "\",\"password\":\"guess-" + i + "\"}").statusCode());
        assertThat(statuses).filteredOn(s -> s == 401).as("attempts that reached bcrypt").hasSizeBetween(5, 8);
        assertThat(statuses).filteredOn(s -> s != 401).containsOnly(429);
        assertThat(a.postFrom("203.0.113.77", "/api/v1/login", "{\"username\":\"ben\",\"password\":\"pw-2b\"}")
                .statusCode()).as("locked for the right password too").isEqualTo(429);
        assertThat(b.postFrom("203.0.113.78", "/api/v1/login", "{\"username\":\"ben\",\"password\":\"pw-2b\"}")
                .statusCode()).as("another IP is not").isEqualTo(200);
    }

    @Test
    void concurrentRightLoginsOfOneAccountFromOneAddressOverBothReplicasAllSucceed() throws Exception {
        List<Integer> statuses = concurrently(30, (app, i) -> app.postFrom("203.0.113.90", "/api/v1/login",
                "{\"username\":\"ann\",\"password\":\"pw-2a\"}").statusCode());
        assertThat(statuses).containsOnly(200).hasSize(30);
    }
}
