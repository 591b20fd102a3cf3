package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.InjectRedisServer;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.RespClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Redis killed under a running service: clear 503s and readiness DOWN, then back by itself. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    @InjectRedisServer
    RedisServer redis;

    @Test
    void killedRedisGives503AndReadinessDownThenRecoversWithoutRestart() {
        String access = RestFlowScenarios.tokens("ben", "pw-2b").get("access_token").toString();
        redis.kill();
        try {
            long start = System.nanoTime();
            given().contentType(ContentType.JSON).body(Map.of("username", "ben", "password", "pw-2b"))
                    .post("/api/v1/login").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", "1");
            given().auth().oauth2(access).get("/api/v1/session").then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'session-store' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'session-store' }.data.backend", equalTo("redis"));
            given().get("/q/health/live").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, no hang").isLessThan(Duration.ofSeconds(5));
        } finally {
            redis.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        assertThat(RestFlowScenarios.login("ben", "pw-2b").statusCode()).isEqualTo(200);
    }

    /**
     * A paused Redis (as during a failover) holds every command: each request gets 503 once
     * {@code quarkus.redis.timeout} (2 s) has passed, endpoints that do not need Redis keep
     * answering at once, and service is back when the pause ends.
     */
    @Test
    void pausedRedisCostsTheCallTimeoutNotAHang() throws Exception {
        String access = RestFlowScenarios.tokens("ann", "pw-2a").get("access_token").toString();
        try (RespClient admin = redis.client()) {
            admin.call("CLIENT", "PAUSE", "4000", "ALL");
            long start = System.nanoTime();
            given().auth().oauth2(access).get("/api/v1/session").then().statusCode(503).header("Retry-After", "1");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofMillis(3500));

            long other = System.nanoTime();
            given().get("/api/v1/case").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - other)).as("event loop free").isLessThan(Duration.ofMillis(500));
            admin.call("CLIENT", "UNPAUSE");
        }
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
    }
}
