package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.overload.Admission;
import io.dx0.session.overload.WorkPath;
import io.dx0.session.storage.StoreUnavailableException;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.RespClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Redis killed, paused and full under a running service: clear 503s, nothing hangs, back by itself. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    @InjectServer
    RedisServer redis;

    @Inject
    SessionStore store;

    @Inject
    Admission admission;

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
            Management.given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'session-store' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'session-store' }.data.backend", equalTo("redis"));
            Management.given().get("/q/health/live").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, no hang").isLessThan(Duration.ofSeconds(5));
        } finally {
            redis.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> Management.given().get("/q/health/ready").statusCode() == 200);
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
            try {
                long start = System.nanoTime();
                java.util.concurrent.CompletableFuture<io.restassured.response.Response> held = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> given().auth().oauth2(access).get("/api/v1/session"));
                // The held request has been admitted and waits on Redis (the service's own count of REST work).
                Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                        .until(() -> admission.inFlight(WorkPath.REST) >= 1);

                // While a Redis call is held, what needs no Redis is answered: nothing waits on the event loop.
                given().get("/api/v1/case").then().statusCode(200);
                Management.given().get("/q/health/live").then().statusCode(200);
                assertThat(held).as("answered while the session lookup was still held").isNotDone();

                io.restassured.response.Response answer = held.join();
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                assertThat(waited).as("the 2 s call timeout, not a hang").isGreaterThanOrEqualTo(Duration.ofMillis(1900))
                        .isLessThan(Duration.ofMillis(3500));
            } finally {
                admin.call("CLIENT", "UNPAUSE");
            }
        }
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
    }

    /**
     * A charge held by a paused Redis times out but runs when the pause ends: the caller, told
     * nothing was confirmed, retries with the same idempotency key and the amount is applied
     * exactly once. (The store is called directly: over HTTP the session lookup before the charge
     * would be the call held by the pause.)
     */
    @Test
    void chargeQueuedBehindAPauseIsAppliedOnceWhenRetriedWithItsKey() throws Exception {
        String access = RestFlowScenarios.tokens("ben", "pw-2b").get("access_token").toString();
        String sessionId = given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200)
                .extract().path("id");
        try (RespClient admin = redis.client()) {
            admin.call("CLIENT", "PAUSE", "3000", "WRITE");
            assertThatThrownBy(() -> store.charge(sessionId, 300, null, "paused-charge-1").await().indefinitely())
                    .isInstanceOf(StoreUnavailableException.class);
        }
        Map<String, Object> retry = Map.of("amount", 3, "idempotency_key", "paused-charge-1");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> given()
                .auth().oauth2(access).contentType(ContentType.JSON).body(retry)
                .post("/api/v1/session/charges").statusCode() == 200);
        given().auth().oauth2(access).contentType(ContentType.JSON).body(retry)
                .post("/api/v1/session/charges").then().statusCode(200).body("spent", equalTo(3.0f));
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200).body("budget.spent", equalTo(3.0f));
    }

    /**
     * Redis full under {@code noeviction}: new sessions are refused with 503, every other answer is
     * a 200 or a clear 503 (never a 500), and logins work again once memory is freed.
     */
    @Test
    void redisAtMaxmemoryRefusesLoginsWith503AndBreaksNothingElse() throws Exception {
        String access = RestFlowScenarios.tokens("cy", "pw-2y").get("access_token").toString();
        try (RespClient admin = redis.client()) {
            admin.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
            admin.call("CONFIG", "SET", "maxmemory", String.valueOf(usedMemory(admin) + 2 * 1024 * 1024));
            // Big values first, then small ones, until Redis refuses: used memory then stays above the limit.
            int big = fillUntilRefused(admin, "filler:big:", "x".repeat(64 * 1024));
            int small = fillUntilRefused(admin, "filler:small:", "x".repeat(64));
            // Redis frees client buffers in the background (a 64 KiB query buffer shrinks within a second),
            // which can bring used memory back under a limit reached by a few bytes: pin the limit well
            // under what the full keyspace now uses so every write stays refused while the test runs.
            admin.call("CONFIG", "SET", "maxmemory", String.valueOf(usedMemory(admin) - 1024 * 1024));
            try {
                given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                        .post("/api/v1/login").then().statusCode(503).header("Retry-After", "1")
                        .contentType("application/problem+json");
                assertThat(given().auth().oauth2(access).get("/api/v1/session").statusCode()).isIn(200, 503);
                assertThat(given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("amount", 1))
                        .post("/api/v1/session/charges").statusCode()).isIn(200, 503);
                given().get("/api/v1/case").then().statusCode(200);
                Management.given().get("/q/health/live").then().statusCode(200);
            } finally {
                admin.call("CONFIG", "SET", "maxmemory", "0");
                for (int i = 0; i < Math.max(big, small); i++) {
                    admin.call("DEL", "filler:big:" + i, "filler:small:" + i);
                }
            }
        }
        assertThat(RestFlowScenarios.login("ann", "pw-2a").statusCode()).isEqualTo(200);
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
    }

    private static final int FILL_LIMIT = 100_000;

    private static long usedMemory(RespClient admin) {
        String info = admin.string("INFO", "memory");
        return Long.parseLong(info.lines().filter(l -> l.startsWith("used_memory:")).findFirst().orElseThrow()
                .substring("used_memory:".length()).strip());
    }

    /** Writes keys until Redis answers OOM; how many were tried. */
    private static int fillUntilRefused(RespClient admin, String prefix, String value) {
        for (int i = 0; i < FILL_LIMIT; i++) {
            try {
                admin.call("SET", prefix + i, value);
            } catch (IllegalStateException refused) {
                assertThat(refused).hasMessageContaining("OOM");
                return i + 1;
            }
        }
        throw new AssertionError("Redis never reached maxmemory");
    }
}
