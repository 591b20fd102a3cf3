package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dx0.session.credentials.AccessTokens;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.FailedLogins;
import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RealTime;
import io.dx0.session.testsupport.ShiftedClock;
import io.dx0.session.testsupport.WsClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The REST slice end to end over real HTTP; run once per backend by the subclasses. Test config:
 * {@code test-users.yml}, 3 failed logins per 2 s window, 5 messages per 3 s, budget 25.
 */
abstract class RestFlowScenarios {

    @Inject
    SessionStore store;

    @Inject
    AccessTokens accessTokens;

    private ShiftedClock clock;

    /** Every request comes from 127.0.0.1: start each scenario with that IP's and the users' failures forgotten. */
    @BeforeEach
    void forgetFailedLogins() {
        forgetFailures(store);
        clock = ShiftedClock.installed();
    }

    /**
     * Lets {@code d} pass for the service: the service clock jumps, except on Redis, whose windows
     * and leeways run on Redis' own {@code TIME}, which no test can move; there real time passes.
     */
    protected void elapse(Duration d) {
        elapse(store, clock, d);
    }

    static void elapse(SessionStore store, ShiftedClock clock, Duration d) {
        if (store.name().startsWith("redis")) {
            RealTime.elapse(d);
        } else {
            clock.advance(d);
        }
    }

    static void forgetFailures(SessionStore store) {
        FailedLogins.forget(store, "ann", "ben", "cy", "root", "nobody");
    }

    static ExtractableResponse<Response> login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/login").then().extract();
    }

    static Map<String, Object> tokens(String username, String password) {
        ExtractableResponse<Response> r = login(username, password);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.jsonPath().getMap("");
    }

    static ExtractableResponse<Response> refresh(Object refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .post("/api/v1/refresh").then().extract();
    }

    static int sessionStatus(Object accessToken) {
        return given().auth().oauth2(accessToken.toString()).get("/api/v1/session").statusCode();
    }

    @Test
    void loginSessionRefreshLogoutThenUnauthorized() {
        Map<String, Object> t = tokens("ben", "pw-2b");
        assertThat(t).containsEntry("token_type", "bearer").containsEntry("expires_in", 900);

        given().auth().oauth2(t.get("access_token").toString()).get("/api/v1/session").then()
                .statusCode(200)
                .body("username", equalTo("ben"))
                .body("group", equalTo("user"))
                .body("budget.spent", equalTo(0.0f))
                .body("budget.limit", equalTo(25.0f))
                .body("budget.remaining", equalTo(25.0f))
                .body("rate.limit", equalTo(5))
                .body("rate.window_seconds", equalTo(3))
                .body("rate.remaining", equalTo(5))
                .body("ordered_tests", org.hamcrest.Matchers.empty());

        ExtractableResponse<Response> refreshed = refresh(t.get("refresh_token"));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String access2 = refreshed.path("access_token");
        String refresh2 = refreshed.path("refresh_token");
        assertThat(refresh2).isNotEqualTo(t.get("refresh_token"));
        assertThat(sessionStatus(access2)).isEqualTo(200);

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", refresh2)).post("/api/v1/logout")
                .then().statusCode(200);
        assertThat(sessionStatus(access2)).as("logout takes effect at once for a still-signed token").isEqualTo(401);
        assertThat(sessionStatus(t.get("access_token"))).isEqualTo(401);
        assertThat(refresh(refresh2).statusCode()).isEqualTo(401);
    }

    @Test
    void everyBcryptPrefixVerifies() {
        assertThat(login("ann", "pw-2a").statusCode()).isEqualTo(200);
        assertThat(login("ben", "pw-2b").statusCode()).isEqualTo(200);
        assertThat(login("cy", "pw-2y").statusCode()).isEqualTo(200);
        Map<String, Object> admin = tokens("root", "secret-admin");
        given().auth().oauth2(admin.get("access_token").toString()).get("/api/v1/session").then()
                .body("group", equalTo("admin"));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        ExtractableResponse<Response> unknown = login("nobody", "pw-2b");
        ExtractableResponse<Response> wrong = login("ben", "not-the-password");
        assertThat(unknown.statusCode()).isEqualTo(401).isEqualTo(wrong.statusCode());
        assertThat(unknown.contentType()).isEqualTo("application/problem+json").isEqualTo(wrong.contentType());
        assertThat(unknown.asString()).isEqualTo(wrong.asString()).contains("\"detail\"");
    }

    @Test
    void rotatedRefreshTokenReuseRevokesSession() {
        Map<String, Object> t = tokens("ann", "pw-2a");
        ExtractableResponse<Response> once = refresh(t.get("refresh_token"));
        ExtractableResponse<Response> rotated = refresh(once.path("refresh_token"));
        assertThat(rotated.statusCode()).isEqualTo(200);

        assertThat(refresh(t.get("refresh_token")).statusCode())
                .as("reuse of a token rotated out before the last one: no leeway for it").isEqualTo(401);
        assertThat(refresh(rotated.path("refresh_token")).statusCode()).as("the whole session ended").isEqualTo(401);
        assertThat(sessionStatus(rotated.path("access_token"))).isEqualTo(401);
    }

    @Test
    void logoutIsIdempotentAndAcceptsABearerToken() {
        Map<String, Object> t = tokens("cy", "pw-2y");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(t.get("access_token").toString()).post("/api/v1/logout").then().statusCode(200)
                    .body("status", equalTo("logged_out"));
        }
        assertThat(sessionStatus(t.get("access_token"))).isEqualTo(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", t.get("refresh_token")))
                .post("/api/v1/logout").then().statusCode(200); // the refresh token of a session already gone
    }

    @Test
    void logoutWithATokenThatProvesNothingIs401AndTheSessionLives() {
        Map<String, Object> t = tokens("cy", "pw-2y");
        String access = t.get("access_token").toString();
        String refresh = t.get("refresh_token").toString();
        String sessionId = refresh.substring(0, refresh.indexOf('.'));
        String wrongSecret = sessionId + "." + "A".repeat(43);
        for (String bad : java.util.List.of("garbage", wrongSecret)) {
            given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("refresh_token", bad))
                    .post("/api/v1/logout").then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
            assertThat(sessionStatus(access)).as("never 200 while the session lives: " + bad).isEqualTo(200);
        }
        given().post("/api/v1/logout").then().statusCode(401); // no token at all
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/logout").then().statusCode(401);
        // a forged bearer: the signature's first character changed. (Its last two set to "xx" left the
        // token valid about once in a thousand runs: the last character carries two unused bits.)
        int signature = access.lastIndexOf('.') + 1;
        String forged = access.substring(0, signature) + (access.charAt(signature) == 'A' ? 'B' : 'A')
                + access.substring(signature + 1);
        given().auth().oauth2(forged).post("/api/v1/logout").then().statusCode(401);
        assertThat(sessionStatus(access)).isEqualTo(200);
        assertThat(refresh(refresh).statusCode()).as("the refresh token still works").isEqualTo(200);
    }

    @Test
    void twoRefreshesOfOneTokenAtOnceBothSucceedAndTheSessionLives() throws Exception {
        Map<String, Object> t = tokens("ann", "pw-2a");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<ExtractableResponse<Response>>> both = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    go.await();
                    return refresh(t.get("refresh_token"));
                }));
            }
            go.countDown();
            for (var f : both) {
                ExtractableResponse<Response> r = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.statusCode()).as("two tabs refreshing at once").isEqualTo(200);
                assertThat(sessionStatus(r.path("access_token"))).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetriedRefreshGetsANewPairInsideTheLeewayAndEndsTheSessionAfterIt() {
        Map<String, Object> t = tokens("ann", "pw-2a");
        ExtractableResponse<Response> lost = refresh(t.get("refresh_token"));
        assertThat(lost.statusCode()).isEqualTo(200);
        ExtractableResponse<Response> retried = refresh(t.get("refresh_token"));
        assertThat(retried.statusCode()).as("a retry whose first answer was lost").isEqualTo(200);
        ExtractableResponse<Response> next = refresh(retried.path("refresh_token"));
        assertThat(next.statusCode()).as("the retry's pair is the live one").isEqualTo(200);

        // Test profile: session.refresh-reuse-leeway=1s, counted from the rotation.
        elapse(Duration.ofMillis(1001));
        assertThat(refresh(retried.path("refresh_token")).statusCode()).as("reuse after the leeway").isEqualTo(401);
        assertThat(sessionStatus(next.path("access_token"))).as("ends the whole session").isEqualTo(401);
    }

    @Test
    void malformedJsonIs400AndNeverGuessedAt() {
        given().contentType(ContentType.JSON).body("{\"username\": ").post("/api/v1/login").then()
                .statusCode(400).contentType("application/problem+json").body("detail", equalTo("Malformed JSON body"));
        given().contentType(ContentType.JSON).body("{\"username\":\"ann\",\"password\":\"pw-2a\",\"username\":\"ben\"}")
                .post("/api/v1/login").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Malformed JSON body: a key appears twice"));
        given().contentType(ContentType.JSON).body("{\"username\":\"ann\",\"password\":\"pw-2a\"} {\"username\":\"ben\"}")
                .post("/api/v1/login").then().statusCode(400)
                .body("detail", equalTo("Malformed JSON body: content after the JSON value"));
        String access = tokens("ann", "pw-2a").get("access_token").toString();
        given().auth().oauth2(access).contentType(ContentType.JSON).body("{\"amount\": \"5\"}")
                .post("/api/v1/session/charges").then().statusCode(422)
                .body("detail", equalTo("Malformed JSON body: invalid value for 'amount'"));
        assertThat(new java.math.BigDecimal(given().auth().oauth2(access).get("/api/v1/session").path("budget.spent")
                .toString())).as("the quoted amount was not charged").isZero();
    }

    @Test
    void badBodiesAre422NamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("username", "ben")).post("/api/v1/login").then()
                .statusCode(422).body("errors.field", hasItem("password"));
        given().contentType(ContentType.JSON).body("").post("/api/v1/login").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", "")).post("/api/v1/refresh").then()
                .statusCode(422).body("errors.field", hasItem("refresh_token"));
        given().contentType(ContentType.JSON).body("{\"username\": [1], \"password\": \"x\"}").post("/api/v1/login")
                .then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"refresh_token\": 123}").post("/api/v1/refresh").then()
                .statusCode(422);
        given().contentType(ContentType.JSON).body("{\"refresh_token\": true}").post("/api/v1/logout").then()
                .statusCode(422);
    }

    /**
     * A token signed with the service's own key, live session id, but another user as its subject (a
     * token-minting bug, or a key that leaked to a tool that mints for the wrong user): the session
     * belongs to its user only, so the token opens nothing, over REST or at the WebSocket upgrade.
     */
    @Test
    void aSignedTokenWhoseSubjectIsNotTheSessionsUserOpensNothing() throws Exception {
        String annAccess = tokens("ann", "pw-2a").get("access_token").toString();
        String annSession = given().auth().oauth2(annAccess).get("/api/v1/session").then().statusCode(200)
                .extract().path("id");
        String bensTokenForAnnsSession = accessTokens.issue("ben", annSession, "user");
        assertThat(sessionStatus(bensTokenForAnnsSession)).isEqualTo(401);
        given().auth().oauth2(bensTokenForAnnsSession).contentType(ContentType.JSON).body(Map.of("amount", 1))
                .post("/api/v1/session/charges").then().statusCode(401);
        assertThat(WsClient.upgradeStatus(RestAssured.port, "/api/v1/ws?token=" + bensTokenForAnnsSession,
                Map.of("Origin", "http://localhost:3000"))).isEqualTo(401);
        assertThat(WsClient.upgradeStatus(RestAssured.port, "/api/v1/ws?token=" + annAccess,
                Map.of("Origin", "http://localhost:3000"))).as("the right token still opens it").isEqualTo(101);
        assertThat(new java.math.BigDecimal(given().auth().oauth2(annAccess).get("/api/v1/session").then()
                .statusCode(200).extract().path("budget.spent").toString())).as("nothing charged").isZero();
    }

    /** The audit's token dated a year ahead: signed with the service's own key, for a live session of its user. */
    @Test
    void aTokenIssuedInTheFutureOpensNothing() {
        String annAccess = tokens("ann", "pw-2a").get("access_token").toString();
        String annSession = given().auth().oauth2(annAccess).get("/api/v1/session").then().statusCode(200)
                .extract().path("id");
        clock.advance(Duration.ofDays(365));
        String dated = accessTokens.issue("ann", annSession, "user");
        clock.advance(Duration.ofDays(-365));
        assertThat(sessionStatus(dated)).as("iat a year ahead").isEqualTo(401);
        assertThat(sessionStatus(annAccess)).isEqualTo(200);
    }

    @Test
    void missingOrForgedBearerTokenIs401() {
        given().get("/api/v1/session").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", equalTo("Invalid or expired token"));
        given().header("Authorization", "Basic YW5uOnB3LTJh").get("/api/v1/session").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/api/v1/admin/users/ann/sessions").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(tokens("ann", "pw-2a").get("access_token").toString())
                .get("/api/v1/admin/users/ann/sessions").then().statusCode(403)
                .contentType("application/problem+json").body("detail", equalTo("Admin group required"));
        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW4iLCJzaWQiOiJ4IiwiZ3JwIjoidXNlciJ9.c2lnbmF0dXJl";
        assertThat(sessionStatus(forged)).isEqualTo(401);
        assertThat(sessionStatus("not-a-jwt")).isEqualTo(401);
    }

    /**
     * A name is typed many ways (issue 35, finding 7): each is counted, kept, searched and unlocked under
     * the one canonical name, the users file's spelling of the account it means.
     */
    @Test
    void namesTypedWithSpacesCapitalsOrFullWidthLettersAreOneAccountEverywhere() {
        for (String typed : List.of("BEN", " ben ", "\uff42\uff45\uff4e")) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.77")
                    .body(Map.of("username", typed, "password", "not-his-password")).post("/api/v1/login").then()
                    .statusCode(401);
        }
        String admin = tokens("root", "secret-admin").get("access_token").toString();
        for (String search : List.of("ben", "Ben ", "\uff22\uff25\uff2e")) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().auth().oauth2(admin)
                    .queryParam("user", search).queryParam("address", "198.51.100.77").get("/api/v1/admin/events").then()
                    .statusCode(200).body("events.size()", equalTo(3)).body("events.fields.user",
                            org.hamcrest.Matchers.everyItem(equalTo("ben"))));
        }
        given().auth().oauth2(admin).delete("/api/v1/admin/users/{name}/lockout", " BEN").then().statusCode(200)
                .body("cleared", equalTo("ben"));
        Map<String, Object> his = tokens(" Ben", "pw-2b");
        given().auth().oauth2(his.get("access_token").toString()).get("/api/v1/session").then().statusCode(200)
                .body("username", equalTo("ben"));
    }

    /**
     * Every security event the service logs is also kept in the store: an admin reads it, filtered and
     * paged, from any replica, and the overview counts the last minutes' logins from it. A typed
     * password is never in it.
     */
    @Test
    void adminsReadTheKeptSecurityEventsAndTheOverview() {
        assertThat(login("cy", "typo-never-kept").statusCode()).isEqualTo(401);
        String admin = tokens("root", "secret-admin").get("access_token").toString();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().auth().oauth2(admin)
                .queryParam("user", "cy").queryParam("type", "login.failure").get("/api/v1/admin/events").then()
                .statusCode(200).body("events.size()", equalTo(1)));
        ExtractableResponse<Response> page = given().auth().oauth2(admin).queryParam("user", "cy")
                .get("/api/v1/admin/events").then().statusCode(200).extract();
        assertThat(page.jsonPath().getString("events[0].type")).isEqualTo("login.failure");
        assertThat(page.jsonPath().getString("events[0].level")).isEqualTo("info");
        assertThat(page.jsonPath().getString("events[0].fields.reason")).isEqualTo("wrong_password");
        assertThat(page.jsonPath().getString("events[0].fields.client_ip")).isNotBlank();
        assertThat(page.body().asString()).doesNotContain("typo-never-kept");

        ExtractableResponse<Response> first = given().auth().oauth2(admin).queryParam("type", "login.")
                .queryParam("limit", 1).get("/api/v1/admin/events").then().statusCode(200).extract();
        String next = first.jsonPath().getString("next_before");
        assertThat(next).as("a full page says where the next begins").isNotBlank();
        assertThat(given().auth().oauth2(admin).queryParam("type", "login.").queryParam("before", next)
                .queryParam("limit", 1).get("/api/v1/admin/events").then().statusCode(200).extract().jsonPath()
                .getString("events[0].id")).isNotEqualTo(first.jsonPath().getString("events[0].id"));

        given().auth().oauth2(admin).queryParam("type", "login.bogus").get("/api/v1/admin/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("type: not an event code"));
        given().auth().oauth2(admin).queryParam("address", "not-an-ip").get("/api/v1/admin/events").then()
                .statusCode(400);
        given().auth().oauth2(admin).queryParam("since", "yesterday").get("/api/v1/admin/events").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.startsWith("since: not an ISO-8601 instant"));
        given().auth().oauth2(admin).queryParam("limit", 0).get("/api/v1/admin/events").then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
        for (String cursor : List.of("garbage", "1-", "-1", "12345678901234567890-0", "1-xyz", "1-0 ")) {
            given().auth().oauth2(admin).queryParam("before", cursor).get("/api/v1/admin/events").then()
                    .statusCode(400).body("detail", org.hamcrest.Matchers.startsWith("before: not a cursor"));
        }
        // a well-formed cursor of another backend pages on this one too
        given().auth().oauth2(admin).queryParam("before", "1733000000000-00000000000000ff").get("/api/v1/admin/events")
                .then().statusCode(200);
        given().auth().oauth2(tokens("ann", "pw-2a").get("access_token").toString()).get("/api/v1/admin/events").then()
                .statusCode(403);

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/v1/admin/overview").then().statusCode(200)
                .body("sockets_by_replica.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        ExtractableResponse<Response> overview = given().auth().oauth2(admin).get("/api/v1/admin/overview").then()
                .statusCode(200).extract();
        assertThat(overview.jsonPath().getInt("sockets_total")).as("the replicas' reports added up")
                .isEqualTo(overview.jsonPath().getMap("sockets_by_replica", String.class, Integer.class).values().stream()
                        .mapToInt(Integer::intValue).sum());
        given().auth().oauth2(admin).get("/api/v1/admin/overview").then().statusCode(200)
                .body("minutes", equalTo(15)).body("live_sessions", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("logins.'login.failure'", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("logins.'login.success'", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void adminsPageThroughEveryLiveSessionByNamePrefixAndGroup() {
        tokens("ann", "pw-2a");
        tokens("ann", "pw-2a");
        tokens("ben", "pw-2b");
        String admin = tokens("root", "secret-admin").get("access_token").toString();
        ExtractableResponse<Response> anns = given().auth().oauth2(admin).queryParam("prefix", "an")
                .get("/api/v1/admin/sessions").then().statusCode(200).extract();
        assertThat(anns.jsonPath().getList("sessions.username", String.class)).hasSizeGreaterThanOrEqualTo(2)
                .containsOnly("ann");
        // as instants, not as text: an instant on a whole second is written without its ".000"
        List<java.time.Instant> created = anns.jsonPath().getList("sessions.created_at", String.class).stream()
                .map(java.time.Instant::parse).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(given().auth().oauth2(admin).queryParam("group", "admin").get("/api/v1/admin/sessions").then()
                .statusCode(200).extract().jsonPath().getList("sessions.username", String.class)).contains("root")
                .doesNotContain("ann", "ben");

        ExtractableResponse<Response> first = given().auth().oauth2(admin).queryParam("limit", 1)
                .get("/api/v1/admin/sessions").then().statusCode(200).extract();
        String next = first.jsonPath().getString("next_before");
        assertThat(next).isNotBlank();
        String second = given().auth().oauth2(admin).queryParam("limit", 1).queryParam("before", next)
                .get("/api/v1/admin/sessions").then().statusCode(200).extract().jsonPath().getString("sessions[0].id");
        assertThat(second).isNotEqualTo(first.jsonPath().getString("sessions[0].id"));
        given().auth().oauth2(admin).queryParam("before", "yesterday").get("/api/v1/admin/sessions").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens("ben", "pw-2b").get("access_token").toString()).get("/api/v1/admin/sessions").then()
                .statusCode(403);
    }

    /** Typos from one address: the admin finds it locked out, with its failures and end, and unlocks it. */
    @Test
    void adminsListTheAddressesLockedOutAndUnlockThem() {
        String ward = "198.51.100." + (10 + (int) (Math.random() * 200));
        String admin = tokens("root", "secret-admin").get("access_token").toString();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", ward).contentType(ContentType.JSON)
                    .body(Map.of("username", "ann", "password", "typo-" + i)).post("/api/v1/login").then().statusCode(401);
        }
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            ExtractableResponse<Response> list = given().auth().oauth2(admin).get("/api/v1/admin/lockouts").then()
                    .statusCode(200).extract();
            assertThat(list.jsonPath().getList("lockouts.findAll { it.subject == '" + ward + "' }.scope", String.class))
                    .containsExactly("address");
            assertThat(list.jsonPath().getInt("lockouts.find { it.subject == '" + ward + "' }.failures")).isEqualTo(3);
            assertThat(list.jsonPath().getInt("lockouts.find { it.subject == '" + ward + "' }.threshold")).isEqualTo(3);
            assertThat(list.jsonPath().getString("lockouts.find { it.subject == '" + ward + "' }.until")).isNotBlank();
        });
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/" + ward).then().statusCode(200);
        assertThat(given().auth().oauth2(admin).get("/api/v1/admin/lockouts").then().statusCode(200).extract().jsonPath()
                .getList("lockouts.subject", String.class)).doesNotContain(ward);
        given().header("X-Forwarded-For", ward).contentType(ContentType.JSON)
                .body(Map.of("username", "ann", "password", "pw-2a")).post("/api/v1/login").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/users/ann/lockout").then().statusCode(200)
                .body("cleared", equalTo("ann"));
    }

    @Test
    void clientIpIsLockedOutAfterMaxFailuresUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("ben", "wrong").statusCode()).isEqualTo(401);
        }
        ExtractableResponse<Response> locked = login("ben", "pw-2b");
        assertThat(locked.statusCode()).as("even the right password, while locked").isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 2);
        assertThat(locked.contentType()).isEqualTo("application/problem+json");

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> login("ben", "pw-2b").statusCode() == 200);
        assertThat(login("ben", "wrong").statusCode()).as("success forgot ben's failures at this address").isEqualTo(401);
        assertThat(login("ben", "pw-2b").statusCode()).as("a typo, then the right password at once").isEqualTo(200);
    }

    static int charge(String access, Object body) {
        return given().auth().oauth2(access).contentType(ContentType.JSON).body(body)
                .post("/api/v1/session/charges").statusCode();
    }

    @Test
    void chargesFitTheBudgetOrChangeNothing() {
        String access = tokens("ben", "pw-2b").get("access_token").toString();
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("amount", 10, "category", "test"))
                .post("/api/v1/session/charges").then().statusCode(200)
                .body("limit", equalTo(25.0f)).body("spent", equalTo(10.0f)).body("remaining", equalTo(15.0f));
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("amount", 20))
                .post("/api/v1/session/charges").then().statusCode(402)
                .contentType("application/problem+json").body("code", equalTo("budget_exceeded"));
        assertThat(charge(access, Map.of("amount", 2.5, "idempotency_key", "order-7"))).isEqualTo(200);
        assertThat(charge(access, Map.of("amount", 2.5, "idempotency_key", "order-7"))).isEqualTo(200);
        given().auth().oauth2(access).get("/api/v1/session").then().body("budget.spent", equalTo(12.5f));

        for (Object bad : java.util.List.of(Map.of("amount", -1), Map.of("amount", 0), Map.of("amount", 1.234),
                Map.of("amount", "ten"), Map.of("category", "x"), Map.of("amount", 1e300))) {
            assertThat(charge(access, bad)).as(bad.toString()).isEqualTo(422);
        }
        assertThat(given().contentType(ContentType.JSON).body(Map.of("amount", 1)).post("/api/v1/session/charges")
                .statusCode()).isEqualTo(401);
        given().auth().oauth2(access).get("/api/v1/session").then().body("budget.spent", equalTo(12.5f));
    }

    @Test
    void concurrentChargesOverHttpStopExactlyAtTheBudget() throws Exception {
        String access = tokens("ann", "pw-2a").get("access_token").toString();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> charge(access, Map.of("amount", 0.25))));
            }
            int ok = 0;
            for (var call : calls) {
                ok += call.get() == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(access).get("/api/v1/session").then()
                .body("budget.spent", equalTo(25.0f)).body("budget.remaining", equalTo(0.0f));
    }

    @Test
    void readinessNamesTheChosenBackend() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("session-store"))
                .body("checks.name", not(hasItem("Redis connection health check")))
                .body("checks.find { it.name == 'session-store' }.data.backend", equalTo(store.name()));
        Management.given().get("/q/health/live").then().statusCode(200);
    }
}
