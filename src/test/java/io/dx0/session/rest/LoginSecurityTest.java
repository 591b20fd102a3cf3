package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dx0.session.store.SessionStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Brute-force defence and the admin API. Test config: 127.0.0.1 is a trusted proxy, so each
 * scenario picks its client IP with X-Forwarded-For; 3 failures per IP per 2 s; account delay
 * 1 s doubling to 2 s (long enough that "at once" is always inside it, even on a loaded machine).
 */
@QuarkusTest
@TestProfile(LoginSecurityTest.SlowAccountThrottle.class)
class LoginSecurityTest {

    public static class SlowAccountThrottle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.login.account-delay", "1s", "session.login.account-max-delay", "2s");
        }
    }

    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    @Inject
    SessionStore store;

    private String ip;

    @BeforeEach
    void freshClientIp() {
        RestFlowScenarios.forgetFailures(store);
        ip = "203.0.113." + NEXT_IP.getAndIncrement();
    }

    /** Every attempt carries the same request id, which the service echoes: answers may differ in nothing else. */
    private ExtractableResponse<Response> login(String username, String password, String fromIp) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", fromIp)
                .header("X-Request-Id", "login-security")
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/login").then().extract();
    }

    /** Logs in from an IP of its own, so it never meets the scenario's lockout. */
    private String accessToken(String username, String password) {
        String token = login(username, password, "192.0.2." + NEXT_IP.getAndIncrement()).path("access_token");
        assertThat(token).isNotNull();
        return token;
    }

    @Test
    void forwardedIpFromTheTrustedProxyIsTheOneLockedOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("ben", "wrong", ip).statusCode()).isEqualTo(401);
        }
        assertThat(login("ben", "wrong", ip).statusCode()).isEqualTo(429);
        assertThat(login("ann", "pw-2a", "198.51.100.1").statusCode()).as("another client IP").isEqualTo(200);
        assertThat(given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").statusCode()).as("the proxy's own address is not locked").isEqualTo(200);
    }

    @Test
    void throttledAccountGetsTheSameAnswerAsAWrongPasswordThenRecovers() {
        ExtractableResponse<Response> wrong = login("cy", "wrong", ip);
        ExtractableResponse<Response> throttled = login("cy", "pw-2y", "198.51.100.2");
        assertThat(throttled.statusCode()).isEqualTo(401).isEqualTo(wrong.statusCode());
        assertThat(throttled.asString()).isEqualTo(wrong.asString());
        assertThat(throttled.headers().asList().stream().map(h -> h.getName()).sorted().toList())
                .isEqualTo(wrong.headers().asList().stream().map(h -> h.getName()).sorted().toList());
        Awaitility.await().atMost(Duration.ofSeconds(4)).pollDelay(Duration.ofMillis(1100))
                .pollInterval(Duration.ofMillis(500)).until(() -> login("cy", "pw-2y", "198.51.100.4").statusCode() == 200);
    }

    @Test
    void accountCountingIgnoresCaseAndUnicodeForm() {
        assertThat(login("ｂｅｎ", "wrong", ip).statusCode()).as("full-width form of ben").isEqualTo(401);
        assertThat(login("ben", "pw-2b", "198.51.100.5").statusCode()).as("counted as the same account").isEqualTo(401);
    }

    @Test
    void unknownUserAndWrongPasswordAnswersAreByteIdentical() {
        ExtractableResponse<Response> unknown = login("nobody", "pw", ip);
        ExtractableResponse<Response> wrong = login("root", "pw", "198.51.100.6");
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.asByteArray()).isEqualTo(wrong.asByteArray());
        assertThat(unknown.headers().asList().stream().map(h -> h.getName() + "=" + h.getValue()).sorted().toList())
                .isEqualTo(wrong.headers().asList().stream().map(h -> h.getName() + "=" + h.getValue()).sorted().toList());
    }

    @Test
    void concurrentWrongPasswordsFromOneIpStopExactlyAtTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String user = "guess" + i;
                calls.add(pool.submit(() -> login(user, "wrong", ip).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).filteredOn(s -> s == 401).as("reached password hashing").hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(147);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.failures("ip:" + ip, Duration.ofSeconds(2)).await().indefinitely().count()).isEqualTo(3);
    }

    @Test
    void jwksIsEmptyWhileASharedSecretSigns() {
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys", hasSize(0));
    }

    @Test
    void adminEndpointsAreForbiddenToOtherGroups() {
        String user = accessToken("ann", "pw-2a");
        given().auth().oauth2(user).get("/api/v1/admin/users/ann/sessions").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(user).delete("/api/v1/admin/users/ann/sessions").then().statusCode(403);
        given().auth().oauth2(user).delete("/api/v1/admin/lockouts/" + ip).then().statusCode(403);
        given().get("/api/v1/admin/users/ann/sessions").then().statusCode(401);
    }

    @Test
    void adminListsRevokesAndSetsBudgets() {
        String admin = accessToken("root", "secret-admin");
        given().auth().oauth2(admin).delete("/api/v1/admin/users/ben/sessions").then().statusCode(200);
        String first = accessToken("ben", "pw-2b");
        String second = accessToken("ben", "pw-2b");

        String listing = given().auth().oauth2(admin).get("/api/v1/admin/users/ben/sessions").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].username", equalTo("ben")).extract().asString();
        assertThat(listing).doesNotContain("refresh").doesNotContain("hash").doesNotContain(first);
        String firstId = given().auth().oauth2(first).get("/api/v1/session").path("id");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("limit", 3.5))
                .put("/api/v1/admin/sessions/" + firstId + "/budget").then().statusCode(200)
                .body("limit", equalTo(3.5f));
        given().auth().oauth2(first).get("/api/v1/session").then().body("budget.limit", equalTo(3.5f));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of())
                .put("/api/v1/admin/sessions/no-such-session/budget").then().statusCode(404);

        given().auth().oauth2(admin).delete("/api/v1/admin/sessions/" + firstId).then().statusCode(200)
                .body("revoked", equalTo(true));
        assertThat(RestFlowScenarios.sessionStatus(first)).isEqualTo(401);
        assertThat(RestFlowScenarios.sessionStatus(second)).isEqualTo(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/users/ben/sessions").then().statusCode(200)
                .body("revoked", equalTo(1));
        assertThat(RestFlowScenarios.sessionStatus(second)).isEqualTo(401);
    }

    @Test
    void adminClearsAnIpLockout() {
        for (int i = 0; i < 3; i++) {
            login("ben", "wrong", ip);
        }
        assertThat(login("ben", "pw-2b", ip).statusCode()).isEqualTo(429);
        String admin = accessToken("root", "secret-admin");
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/" + ip).then().statusCode(200)
                .body("cleared", equalTo(ip));
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/not-an-ip").then().statusCode(400);
        // The account delay (1 s after ben's one recorded failure) must pass; polls count against the IP.
        Awaitility.await().atMost(Duration.ofSeconds(4)).pollDelay(Duration.ofMillis(1100))
                .pollInterval(Duration.ofMillis(500)).until(() -> login("ben", "pw-2b", ip).statusCode() == 200);
    }
}
