package io.dx0.session.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.LogCapture;
import io.dx0.session.testsupport.ShiftedClock;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The security event log (ASVS V16) over real requests: every decision writes one event from the
 * closed set, with the request id, and no secret; text from the request cannot forge or hide a line.
 * Also here, because they need this profile: logout with an expired token, the per-user session
 * bound (2) evicting the oldest session and closing its sockets, and a proxy that sets {@code Forwarded}.
 */
@QuarkusTest
@TestProfile(SecurityEventsTest.Profile.class)
class SecurityEventsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.jwt.access-token-ttl", "2s", "session.max-sessions-per-user", "2",
                    "session.login.account-max-failures", "3", "session.login.client-ip-header", "forwarded",
                    "session.login.max-in-flight-per-account", "1", "session.login.max-wait", "1ms",
                    "session.security-log.repeat-window", "2s", "session.security-log.noise-kept-max", "200");
        }
    }

    /** One decision as the log got it: the line, and the MDC fields next to it. */
    record Event(String line, Map<String, String> fields) {
        String code() {
            return fields.get("event");
        }
    }

    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);
    private static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");

    @TestHTTPResource("/")
    URL base;

    private LogCapture capture;
    /** The events logged so far in this test, as a view of the capture. */
    private final List<Event> events = new java.util.AbstractList<>() {
        @Override
        public Event get(int index) {
            ExtLogRecord ext = capture.records().get(index);
            Map<String, String> fields = new java.util.HashMap<>();
            ext.getMdcCopy().forEach((k, v) -> fields.put(k, String.valueOf(v)));
            return new Event(ext.getFormattedMessage(), fields);
        }

        @Override
        public int size() {
            return capture.records().size();
        }

        @Override
        public void clear() {
            capture.records().clear();
        }
    };

    private ShiftedClock clock;

    @BeforeEach
    void listen() {
        capture = LogCapture.of(SecurityLog.CATEGORY);
        clock = ShiftedClock.installed();
    }

    @AfterEach
    void stopListening() {
        capture.close();
    }

    private static String nextIp() {
        return "198.51.100." + NEXT_IP.getAndIncrement();
    }

    private static ExtractableResponse<Response> login(String ip, String username, String password) {
        return given().contentType(ContentType.JSON).header("Forwarded", "for=" + ip + ";proto=https")
                .body(Map.of("username", username, "password", password)).post("/api/v1/login").then().extract();
    }

    private static Map<String, Object> tokens(String username, String password) {
        ExtractableResponse<Response> r = login(nextIp(), username, password);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.jsonPath().getMap("");
    }

    private static ExtractableResponse<Response> refresh(Object token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/v1/refresh")
                .then().extract();
    }

    private static List<Integer> loginsAtOnce(String username, String password, int n) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String ip = nextIp();
                calls.add(() -> login(ip, username, password).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (var f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> codes() {
        return events.stream().map(Event::code).collect(Collectors.toSet());
    }

    @Test
    void everyDecisionWritesOneEventFromTheClosedSetWithItsRequestIdAndNoSecret() {
        List<String> secrets = new ArrayList<>(List.of("pw-2a", "pw-2b", "pw-2y", "secret-admin", "wrong-horse"));

        String ip = nextIp();
        Map<String, Object> ann = login(ip, "ann", "pw-2a").jsonPath().getMap("");
        login(ip, "ann", "wrong-horse");
        login(ip, "nobody", "wrong-horse");
        login(ip, "ann", "wrong-horse");
        assertThat(login(ip, "ann", "pw-2a").statusCode()).as("address locked out").isEqualTo(429);
        for (int i = 0; i < 3; i++) {
            login(nextIp(), "ben", "wrong-horse");
        }
        assertThat(login(nextIp(), "ben", "pw-2b").statusCode()).as("account throttled").isEqualTo(429);

        ExtractableResponse<Response> rotated = refresh(ann.get("refresh_token"));
        ExtractableResponse<Response> replayed = refresh(ann.get("refresh_token"));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(refresh(rotated.path("refresh_token")).statusCode()).as("reuse").isEqualTo(401);
        assertThat(refresh("garbage").statusCode()).isEqualTo(401);

        Map<String, Object> cy = tokens("cy", "pw-2y");
        given().auth().oauth2(cy.get("access_token").toString()).post("/api/v1/logout").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", cy.get("refresh_token")))
                .post("/api/v1/logout").then().statusCode(200); // a retried logout: the session is already gone
        given().post("/api/v1/logout").then().statusCode(401);
        given().auth().oauth2(cy.get("access_token").toString()).get("/api/v1/admin/users/ann/sessions").then()
                .statusCode(401);
        Map<String, Object> ben = tokens("cy", "pw-2y");
        given().auth().oauth2(ben.get("access_token").toString()).get("/api/v1/admin/users/ann/sessions").then()
                .statusCode(403);

        Map<String, Object> root = tokens("root", "secret-admin");
        String admin = root.get("access_token").toString();
        given().auth().oauth2(admin).get("/api/v1/admin/users/cy/sessions").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/sessions/no-such-session").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/users/cy/sessions").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/users/cy/devices").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/" + ip).then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("limit", 5))
                .put("/api/v1/admin/sessions/" + root.get("refresh_token").toString().split("\\.")[0] + "/budget")
                .then().statusCode(200);
        given().auth().oauth2(admin).get("/api/v1/admin/events").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            tokens("cy", "pw-2y");
        }
        assertThat(loginsAtOnce("cy", "pw-2y", 12)).as("one place per account, 1 ms to wait for it").contains(503);

        Set<String> expected = EnumSet.allOf(SecurityEvent.class).stream().map(SecurityEvent::code)
                .collect(Collectors.toSet());
        assertThat(codes()).as("every decision made above, and nothing outside the closed set").isEqualTo(expected);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.line()).startsWith("event=" + e.code() + " ").doesNotContain("\n", "\r");
            assertThat(e.fields()).containsKey("request_id");
        });

        for (Map<String, Object> t : List.of(ann, cy, ben, root)) {
            secrets.add(t.get("access_token").toString());
            secrets.add(t.get("refresh_token").toString());
            secrets.add(t.get("refresh_token").toString().split("\\.")[1]);
            secrets.add(t.get("device_token").toString());
        }
        secrets.add(rotated.path("refresh_token").toString().split("\\.")[1]);
        assertThat(events).allSatisfy(e -> {
            for (String secret : secrets) {
                assertThat(e.line()).doesNotContain(secret);
                assertThat(e.fields().values()).noneMatch(v -> v.contains(secret));
            }
        });

        Event failure = events.stream().filter(e -> e.code().equals("login.failure")).findFirst().orElseThrow();
        assertThat(failure.fields()).containsEntry("user", "ann").containsEntry("client_ip", ip)
                .containsEntry("reason", "wrong_password");
        Event locked = events.stream().filter(e -> e.code().equals("login.locked")).findFirst().orElseThrow();
        assertThat(locked.fields()).containsEntry("scope", "ip").containsKey("retry_after_ms");
        Event revoked = events.stream().filter(e -> e.code().equals("session.revoked")).findFirst().orElseThrow();
        assertThat(revoked.fields()).containsEntry("actor", "root").containsEntry("session_id", "no-such-session")
                .containsEntry("reason", "not_live");
    }

    /**
     * A client polling a lockout (300 logins from one address, ignoring Retry-After) writes the first of
     * its refusals, then one line per 2-s window with the count: together they account for every 429 it
     * got. Its checked attempts (the lockout's window is 2 s here too) stay one line each, as does a success
     * of another client in the middle.
     */
    @Test
    void repeatedRefusalsAreCountedIntoOneLinePerWindowAndNoneIsLost() {
        String ip = nextIp();
        String user = "poller-" + NEXT_IP.get();
        events.clear();
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            if (login(ip, user, "wrong").statusCode() == 429) {
                refused++;
            }
            if (i == 150) {
                tokens("ben", "pw-2b");
            }
        }
        assertThat(refused).as("mostly refused unchecked").isGreaterThan(200);
        int expected = refused;
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> counted(refusalsFrom(ip)) == expected);
        assertThat(refusalsFrom(ip).size()).as("lines for %d refusals", refused).isLessThanOrEqualTo(20);
        assertThat(refusalsFrom(ip)).filteredOn(e -> e.fields().containsKey("repeated")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.fields()).containsEntry("window_s", "2").containsEntry("user", user));
        assertThat(events).filteredOn(e -> e.code().equals("login.success")).hasSize(1);
    }

    /**
     * A client that proves nothing (issue 35, finding 3): random well-formed refresh tokens and logins with a
     * new user name each from a locked address fold by the address, whatever name or session id each sent.
     */
    @Test
    void refusalsOfAClientThatProvesNothingFoldByItsAddressWhateverNameOrSessionItSends() {
        String ip = nextIp();
        events.clear();
        java.util.Random random = new java.util.Random(35);
        for (int i = 0; i < 300; i++) {
            String token = madeUpRefreshToken(random);
            given().contentType(ContentType.JSON).header("Forwarded", "for=" + ip).body(Map.of("refresh_token", token))
                    .post("/api/v1/refresh").then().statusCode(401);
            given().contentType(ContentType.JSON).header("Forwarded", "for=" + ip).body(Map.of("refresh_token", token))
                    .post("/api/v1/logout").then().statusCode(200);
        }
        for (int i = 0; i < 200; i++) {
            login(ip, "noise-" + i, "wrong");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> counted(linesFrom(ip, "refresh.invalid")) == 300
                        && counted(linesFrom(ip, "logout.gone")) == 300);
        assertThat(linesFrom(ip, "refresh.invalid")).as("lines for 300 refusals").hasSizeLessThanOrEqualTo(20);
        assertThat(linesFrom(ip, "logout.gone")).as("lines for 300 logouts of no session").hasSizeLessThanOrEqualTo(20);
        List<Event> locked = linesFrom(ip, "login.locked");
        assertThat(locked).as("a locked address's noise").isNotEmpty().hasSizeLessThanOrEqualTo(20);
    }

    /**
     * Issue 35, finding 3: a flood of refusals from a thousand addresses, each proving nothing, erased the
     * events about a real account and emptied the lockout list. Noise is kept on its own shelf (here at most
     * 200), so the account's failures and its lockouts are all still found.
     */
    @Test
    void aFloodOfNoiseFromManyAddressesLeavesTheEventsAboutARealAccountAndItsLockouts() {
        given().auth().oauth2(tokens("root", "secret-admin").get("access_token").toString())
                .delete("/api/v1/admin/users/ben/lockout").then().statusCode(200);
        String typos = nextIp();
        for (int i = 0; i < 3; i++) {
            assertThat(login(typos, "ben", "typo-" + i).statusCode()).isEqualTo(401);
        }
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 1_000; i++) {
            String token = madeUpRefreshToken(random);
            String from = "for=100.64." + (i / 250) + "." + (i % 250);
            given().contentType(ContentType.JSON).header("Forwarded", from).body(Map.of("refresh_token", token))
                    .post("/api/v1/refresh").then().statusCode(401);
            given().contentType(ContentType.JSON).header("Forwarded", from).body(Map.of("refresh_token", token))
                    .post("/api/v1/logout").then().statusCode(200);
        }
        String admin = tokens("root", "secret-admin").get("access_token").toString(); // tokens live 2 s here
        String ward = nextIp(); // a lockout lasts 2 s here: one made now, after the flood
        for (int i = 0; i < 3; i++) {
            assertThat(login(ward, "nobody-" + i, "typo").statusCode()).isEqualTo(401);
        }
        assertThat(login(ward, "ann", "pw-2a").statusCode()).as("the ward is locked out").isEqualTo(429);
        List<Object> noise = given().auth().oauth2(admin).queryParam("type", "refresh.invalid").queryParam("limit", 200)
                .get("/api/v1/admin/events").then().statusCode(200).extract().jsonPath().getList("events");
        assertThat(noise).as("1,000 refresh.invalid and 1,000 logout.gone share a shelf of 200").isNotEmpty()
                .hasSizeLessThan(200);

        ExtractableResponse<Response> failures = given().auth().oauth2(admin).queryParam("user", "ben")
                .queryParam("type", "login.failure").get("/api/v1/admin/events").then().statusCode(200).extract();
        assertThat(failures.jsonPath().getList("events.fields.client_ip", String.class)).containsExactly(typos, typos, typos);
        assertThat(failures.jsonPath().getBoolean("complete")).isTrue();
        ExtractableResponse<Response> lockouts = given().auth().oauth2(admin).get("/api/v1/admin/lockouts").then()
                .statusCode(200).extract();
        assertThat(lockouts.jsonPath().getList("lockouts.findAll { it.scope == 'address' }.subject", String.class))
                .contains(ward);
        assertThat(lockouts.jsonPath().getString("lockouts.find { it.subject == '" + ward + "' }.unlock"))
                .isEqualTo("/api/v1/admin/lockouts/" + ward);
        assertThat(lockouts.jsonPath().getBoolean("complete")).isTrue();
        given().auth().oauth2(admin).delete("/api/v1/admin/users/ben/lockout").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/" + ward).then().statusCode(200);
        // the reads above fold into one line until the repeat window closes; let it close for the next test
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .anyMatch(e -> e.code().equals("admin.events.read") && e.fields().containsKey("repeated")));
    }

    /** A well-formed refresh token (a 16-byte session id, a 32-byte secret) of no session. */
    private static String madeUpRefreshToken(java.util.Random random) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] sid = new byte[16];
        byte[] secret = new byte[32];
        random.nextBytes(sid);
        random.nextBytes(secret);
        return b64.encodeToString(sid) + "." + b64.encodeToString(secret);
    }

    private List<Event> linesFrom(String ip, String code) {
        return events.stream().filter(e -> e.code().equals(code) && ip.equals(e.fields().get("client_ip"))).toList();
    }

    private List<Event> refusalsFrom(String ip) {
        return events.stream().filter(e -> Set.of("login.locked", "login.throttled").contains(e.code())
                && ip.equals(e.fields().get("client_ip"))).toList();
    }

    /** The refusals a set of lines stands for: one for each first line, plus each summary's count. */
    private static long counted(List<Event> lines) {
        return lines.stream().mapToLong(e -> e.fields().containsKey("repeated") ? Long.parseLong(e.fields().get("repeated"))
                : 1).sum();
    }

    @Test
    void textFromTheRequestCannotForgeOrHideALine() {
        String admin = tokens("root", "secret-admin").get("access_token").toString();
        events.clear();
        given().auth().oauth2(admin).urlEncodingEnabled(false)
                .delete("/api/v1/admin/sessions/y%0AFORGED%20event=admin.user.revoked").then().statusCode(200);
        given().auth().oauth2(admin).urlEncodingEnabled(false).delete("/api/v1/admin/sessions/a%00b%E2%80%AEc")
                .then().statusCode(200);
        login(nextIp(), "mallory\r\nevent=login.success user=root", "x");

        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.line()).doesNotContain("\n", "\r", "\u0000", "\u202E"));
        assertThat(events.get(0).line())
                .isEqualTo(
                        "event=session.revoked session_id=y\\u000aFORGED\\u0020event\\u003dadmin.user.revoked actor=root reason=not_live");
        assertThat(events.get(0).fields()).containsEntry("session_id", "y\\u000aFORGED\\u0020event\\u003dadmin.user.revoked");
        assertThat(events.get(1).fields()).containsEntry("session_id", "a\\u0000b\\u202ec");
        assertThat(events.get(2).line()).startsWith("event=login.failure user=mallory\\u000d\\u000aevent\\u003dlogin.success");
        assertThat(events.get(2).fields()).containsEntry("reason", "unknown_user");
    }

    @Test
    void logoutWithAnExpiredBearerIs401AndChangesNothing() {
        Map<String, Object> t = tokens("ann", "pw-2a");
        clock.advance(Duration.ofSeconds(2));
        given().auth().oauth2(t.get("access_token").toString()).post("/api/v1/logout").then().statusCode(401)
                .contentType("application/problem+json");
        assertThat(refresh(t.get("refresh_token")).statusCode()).as("the session still lives").isEqualTo(200);
        assertThat(codes()).contains("logout.refused").doesNotContain("logout");
    }

    @Test
    void pastTheBoundPerUserTheOldestSessionEndsAndItsSocketsClose() throws Exception {
        given().auth().oauth2(tokens("root", "secret-admin").get("access_token").toString())
                .delete("/api/v1/admin/users/ben/sessions").then().statusCode(200);
        Map<String, Object> first = tokens("ben", "pw-2b");
        Map<String, Object> second = tokens("ben", "pw-2b");
        try (WsClient socket = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + first.get("access_token"), ORIGIN)) {
            events.clear();
            Map<String, Object> third = tokens("ben", "pw-2b");
            assertThat(socket.awaitClose(Duration.ofSeconds(2))).isEqualTo(1008);
            assertThat(socket.closeReason()).isEqualTo("session ended");
            assertThat(status(first)).as("the oldest ended").isEqualTo(401);
            assertThat(status(second)).isEqualTo(200);
            assertThat(status(third)).isEqualTo(200);
        }
        List<Event> evicted = events.stream().filter(e -> e.code().equals("session.evicted")).toList();
        assertThat(evicted).hasSize(1);
        assertThat(evicted.get(0).fields()).containsEntry("user", "ben").containsEntry("limit", "2")
                .containsEntry("session_id", first.get("refresh_token").toString().split("\\.")[0]);
    }

    @Test
    void behindAProxyThatSetsForwardedAClientMadeXForwardedForIsIgnored() {
        String ip = nextIp();
        for (int i = 0; i < 3; i++) {
            int status = given().contentType(ContentType.JSON).header("Forwarded", "for=\"" + ip + ":4711\"")
                    .header("X-Forwarded-For", "192.0.2." + (i + 1))
                    .body(Map.of("username", "ghost-" + i, "password", "x")).post("/api/v1/login").statusCode();
            assertThat(status).isEqualTo(401);
        }
        assertThat(login(ip, "ann", "pw-2a").statusCode()).as("the failures were counted on Forwarded's for=").isEqualTo(429);
        assertThat(events.stream().filter(e -> e.code().equals("login.failure")))
                .allSatisfy(e -> assertThat(e.fields()).containsEntry("client_ip", ip));
    }

    private static int status(Map<String, Object> tokens) {
        return given().auth().oauth2(tokens.get("access_token").toString()).get("/api/v1/session").statusCode();
    }

    @Test
    void theClosedSetHasOneCodePerConstant() {
        assertThat(Arrays.stream(SecurityEvent.values()).map(SecurityEvent::code).distinct().count())
                .isEqualTo(SecurityEvent.values().length);
        assertThat(SecurityEvent.values()).allSatisfy(e -> assertThat(e.code()).matches("[a-z]+(\\.[a-z]+)*"));
    }
}
