package io.dx0.session.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.testsupport.PackagedApp;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.WsClient;

/**
 * Two packaged service instances on one Redis, as two replicas behind a load balancer: the rate
 * limit is one limit, and a session ended on one replica closes its sockets on the other.
 */
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedisServer redis;
    private static PackagedApp a;
    private static PackagedApp b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, String> env = Map.of(
                "SESSION_BACKEND", "redis",
                "QUARKUS_REDIS_HOSTS", redis.uri(),
                "SESSION_USERS_FILE", "src/test/resources/test-users.yml",
                "SESSION_JWT_SECRET", "replicas-secret-replicas-secret-replicas-secret",
                "SESSION_RATE_LIMIT_MESSAGES", "4",
                "SESSION_RATE_LIMIT_WINDOW", "30s",
                "SESSION_IDLE_TIMEOUT", "4s");
        a = PackagedApp.start(env);
        b = PackagedApp.start(env);
        assertThat(a.isRunning() && b.isRunning()).as(a.output() + b.output()).isTrue();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        redis.close();
    }

    private static JsonNode login() throws Exception {
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
}
