package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import io.dx0.session.login.LoginGuard;
import io.dx0.session.session.web.DeviceCookie;
import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.ShiftedClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Brute-force defence and the admin API. Test config: 127.0.0.1 is a trusted proxy, so each
 * scenario picks its client IP with X-Forwarded-For; 3 failures per address per 2 s; an account is
 * throttled from its 3rd failure, 1 s doubling to 2 s (long enough that "at once" is always inside
 * it, even on a loaded machine); 4 logins in flight per address and per account.
 */
abstract class LoginSecurityScenarios {

    public static class SlowAccountThrottle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.login.account-delay", "1s", "session.login.account-max-delay", "2s",
                    "session.login.account-max-failures", "3");
        }
    }

    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    @Inject
    SessionStore store;

    @TestHTTPResource("/")
    URL base;

    @Inject
    LoginGuard guard;

    private String ip;
    private ShiftedClock clock;

    @BeforeEach
    void freshClientIp() {
        RestFlowScenarios.forgetFailures(store);
        clock = ShiftedClock.installed();
        ip = "203.0.113." + NEXT_IP.getAndIncrement();
    }

    /** Every attempt carries the same request id, which the service echoes: answers may differ in nothing else. */
    private ExtractableResponse<Response> login(String username, String password, String fromIp) {
        return login(Map.of("username", username, "password", password), fromIp);
    }

    private ExtractableResponse<Response> login(Map<String, String> body, String fromIp) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", fromIp)
                .header("X-Request-Id", "login-security").body(body)
                .post("/api/v1/login").then().extract();
    }

    private static String freshIp() {
        return "198.18." + (NEXT_IP.get() / 250) + "." + (NEXT_IP.getAndIncrement() % 250 + 1);
    }

    /** Runs every call at once on its own thread; the statuses in order. */
    private static List<Integer> concurrently(List<java.util.concurrent.Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Logs in from an IP of its own, so it never meets the scenario's lockout. */
    private String accessToken(String username, String password) {
        String token = login(username, password, "192.0.2." + NEXT_IP.getAndIncrement()).path("access_token");
        assertThat(token).isNotNull();
        return token;
    }

    @Test
    void ipv6AddressesOfOneSlash64AreLockedOutTogether() {
        String site = "2001:db8:" + Integer.toHexString(NEXT_IP.getAndIncrement()) + ":1:";
        for (int i = 1; i <= 3; i++) {
            assertThat(login("ghost-v6-" + i, "wrong", site + i + "::" + i).statusCode()).isEqualTo(401);
        }
        for (int i = 4; i <= 12; i++) {
            ExtractableResponse<Response> refused = login("ghost-v6-" + i, "wrong", site + i + "::" + i);
            assertThat(refused.statusCode()).as("address %d of the same /64", i).isEqualTo(429);
        }
        assertThat(login("ann", "pw-2a", site + "ffff::1").statusCode()).as("a right password from the /64: 429, never 401")
                .isEqualTo(429);
        String neighbour = site.substring(0, site.length() - 2) + "2::1";
        assertThat(login("ann", "pw-2a", neighbour).statusCode()).as("the next /64 is not locked").isEqualTo(200);
    }

    @Test
    void onlyTheConfiguredClientIpHeaderCounts() {
        for (int i = 1; i <= 3; i++) {
            int status = given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                    .header("Forwarded", "for=198.51.100." + i)
                    .body(Map.of("username", "ghost-fwd-" + i, "password", "wrong")).post("/api/v1/login").statusCode();
            assertThat(status).isEqualTo(401);
        }
        assertThat(login("ann", "pw-2a", ip).statusCode()).as("counted on X-Forwarded-For, the configured header")
                .isEqualTo(429);
        int other = given().contentType(ContentType.JSON).header("X-Forwarded-For", freshIp())
                .header("Forwarded", "for=" + ip).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").statusCode();
        assertThat(other).as("a Forwarded header naming the locked address is not read").isEqualTo(200);
    }

    @Test
    void tokenAnswersAreNeverCachedNorSniffed() {
        ExtractableResponse<Response> ok = login("ann", "pw-2a", ip);
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ok.header("Pragma")).isEqualTo("no-cache");
        assertThat(ok.header("X-Content-Type-Options")).isEqualTo("nosniff");
        ExtractableResponse<Response> refreshed = RestFlowScenarios.refresh(ok.path("refresh_token"));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login("ann", "wrong", ip).header("Cache-Control")).as("errors too").isEqualTo("no-store");
        assertThat(given().get("/.well-known/jwks.json").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aLoginWhoseClientLeftMidCheckStillSettlesItsPlaces() {
        java.util.concurrent.CompletableFuture<Boolean> checking = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        var anyone = new io.dx0.session.login.LoginAdmission.Admitted(null, false,
                io.dx0.session.login.CheckTurn.from(ip));
        var login = guard.check(ip, "ann", anyone, checkBy -> {
            checks.incrementAndGet();
            return io.smallrye.mutiny.Uni.createFrom().completionStage(checking);
        }).subscribe().with(valid -> {}, failure -> {});
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() == 1);
        login.cancel();
        checking.complete(false);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                store.failures("ip:" + ip, Duration.ofSeconds(2)).await().indefinitely().count())
                .as("the wrong password was recorded, so its place was given back in the same step").isEqualTo(1));
        assertThat(login("ann", "pw-2a", ip).statusCode()).isEqualTo(200);
    }

    @Test
    void typoThenTheRightPasswordAtOnceIsAccepted() {
        assertThat(login("ann", "pw-2x", ip).statusCode()).isEqualTo(401);
        assertThat(login("ann", "pw-2a", ip).statusCode()).isEqualTo(200);
    }

    @Test
    void twentyConcurrentRightLoginsOfOneAccountAllSucceed() throws Exception {
        List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String from = freshIp();
            calls.add(() -> login("ben", "pw-2b", from).statusCode());
        }
        assertThat(concurrently(calls)).as("phone, tablet, workstation, tabs...").containsOnly(200).hasSize(20);
    }

    @Test
    void thirtyConcurrentRightLoginsFromOneAddressAllSucceed() throws Exception {
        Map<String, String> passwords = Map.of("ann", "pw-2a", "ben", "pw-2b", "cy", "pw-2y");
        List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String user = List.of("ann", "ben", "cy").get(i % 3);
            calls.add(() -> login(user, passwords.get(user), ip).statusCode());
        }
        assertThat(concurrently(calls)).as("a hospital behind one NAT").containsOnly(200).hasSize(30);
    }

    @Test
    void ownAccountLoginsInBetweenDoNotResetTheAddressLockout() {
        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertThat(login("ann", "pw-2a", ip).statusCode()).as("own login %d", i).isIn(200, 429);
            guesses.add(login("victim" + i, "guess", ip).statusCode());
        }
        assertThat(guesses).filteredOn(s -> s == 401).as("guesses that reached a check").hasSize(3);
        assertThat(guesses.subList(3, 10)).containsOnly(429);
        assertThat(login("ann", "pw-2a", ip).statusCode()).as("the address is locked for everyone").isEqualTo(429);
    }

    /**
     * A ward behind one NAT: other people's typos lock the address, but a clinician whose browser
     * logged in before (its device token) still gets in; the token opens its own account only, and
     * guesses made with it are bounded by the device's own back-off.
     */
    @Test
    void aLockedAddressStillLetsInAnOwnerWhoseDeviceLoggedInBefore() {
        String device = login("ann", "pw-2a", ip).path("device_token");
        for (int i = 0; i < 3; i++) {
            assertThat(login("clinician" + i, "typo", ip).statusCode()).isEqualTo(401);
        }
        assertThat(login("ann", "pw-2a", ip).statusCode()).as("without its device token").isEqualTo(429);
        assertThat(login(Map.of("username", "ann", "password", "pw-2a", "device_token", device), ip).statusCode())
                .as("with it").isEqualTo(200);
        assertThat(login(Map.of("username", "ben", "password", "pw-2b", "device_token", device), ip).statusCode())
                .as("another account's device token opens nothing").isEqualTo(429);
        for (int i = 0; i < 3; i++) {
            assertThat(login(Map.of("username", "ann", "password", "guess" + i, "device_token", device), ip)
                    .statusCode()).as("guess %d with the device token", i).isEqualTo(401);
        }
        assertThat(login(Map.of("username", "ann", "password", "pw-2a", "device_token", device), ip).statusCode())
                .as("the device backs off after its own failures").isEqualTo(429);
    }

    /**
     * A browser keeps its device token as an HttpOnly cookie the login sets (the console never sees it):
     * behind an address other people's typos locked, it lets that account in, and that account only.
     */
    @Test
    void aBrowsersDeviceCookieOpensALockedAddressForItsOwnAccountOnly() {
        ExtractableResponse<Response> first = login("ann", "pw-2a", ip);
        String setCookie = first.header("Set-Cookie");
        String name = DeviceCookie.name("ann");
        assertThat(name).matches("dx0_device_[A-Za-z0-9_-]{22}");
        assertThat(setCookie).startsWith(name + "=" + first.path("device_token") + ";")
                .contains("Path=/api/v1/login", "Max-Age=7776000", "Secure", "HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        String cookie = first.cookie(name);
        for (int i = 0; i < 3; i++) {
            assertThat(login("clinician" + i, "typo", ip).statusCode()).isEqualTo(401);
        }
        assertThat(login("ann", "pw-2a", ip).statusCode()).as("without the cookie").isEqualTo(429);

        ExtractableResponse<Response> again = withCookie(name, cookie, "ann", "pw-2a");
        assertThat(again.statusCode()).as("with it").isEqualTo(200);
        assertThat(again.cookie(name)).as("a fresh device token each login").isNotEqualTo(cookie)
                .isEqualTo(again.path("device_token"));
        assertThat(withCookie(name, cookie, "ben", "pw-2b").statusCode())
                .as("ann's cookie is not looked at for ben").isEqualTo(429);
        assertThat(withCookie(DeviceCookie.name("ben"), cookie, "ben", "pw-2b").statusCode())
                .as("ann's token under ben's name opens nothing").isEqualTo(429);
        assertThat(given().contentType(ContentType.JSON).header("X-Forwarded-For", ip).cookie(name, cookie)
                .body(Map.of("username", "ann", "password", "pw-2a", "device_token", "not-a-token"))
                .post("/api/v1/login").then().extract().statusCode())
                .as("a device_token in the body is taken first").isEqualTo(429);
    }

    private ExtractableResponse<Response> withCookie(String name, String value, String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip).cookie(name, value)
                .body(Map.of("username", username, "password", password)).post("/api/v1/login").then().extract();
    }

    @Test
    void ownSuccessForgetsOnlyItsOwnFailuresAtTheAddress() {
        assertThat(login("ann", "typo", ip).statusCode()).isEqualTo(401);
        assertThat(login("ann", "typo", ip).statusCode()).isEqualTo(401);
        assertThat(login("ann", "pw-2a", ip).statusCode()).isEqualTo(200);
        assertThat(login("ben", "typo", ip).statusCode()).isEqualTo(401);
        assertThat(login("ben", "typo", ip).statusCode()).isEqualTo(401);
        assertThat(login("ben", "typo", ip).statusCode()).as("ann's typos were forgiven, ben's count").isEqualTo(401);
        assertThat(login("ann", "pw-2a", ip).statusCode()).isEqualTo(429);
    }

    @Test
    void accountUnderAttackFromManyAddressesLetsItsOwnerInWithItsDeviceToken() {
        String device = login("cy", "pw-2y", freshIp()).path("device_token");
        assertThat(device).isNotBlank();
        for (int i = 0; i < 3; i++) {
            assertThat(login("cy", "guess" + i, freshIp()).statusCode()).isEqualTo(401);
            assertThat(login("nobody-here", "guess" + i, freshIp()).statusCode()).isEqualTo(401);
        }
        ExtractableResponse<Response> throttled = login("cy", "pw-2y", freshIp());
        ExtractableResponse<Response> unknown = login("nobody-here", "pw-2y", freshIp());
        assertThat(throttled.statusCode()).as("never 401 for the right password").isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.contentType()).isEqualTo("application/problem+json");
        assertThat(unknown.statusCode()).isEqualTo(429);
        assertThat(unknown.asString()).as("a known and an unknown account answer alike").isEqualTo(throttled.asString());
        assertThat(headers(unknown)).isEqualTo(headers(throttled));

        ExtractableResponse<Response> owner = login(Map.of("username", "cy", "password", "pw-2y", "device_token", device),
                freshIp());
        assertThat(owner.statusCode()).as("the owner's device is judged by its own failures").isEqualTo(200);
        assertThat(owner.<String> path("device_token")).isNotBlank().isNotEqualTo(device);
        assertThat(login(Map.of("username", "cy", "password", "pw-2y", "device_token", "forged." + device),
                freshIp()).statusCode()).as("a forged token is no device").isEqualTo(429);
        assertThat(login(Map.of("username", "ann", "password", "pw-2a", "device_token", device), freshIp())
                .statusCode()).as("cy's device token means nothing for ann, and is no error").isEqualTo(200);

        String admin = accessToken("root", "secret-admin");
        given().auth().oauth2(admin).delete("/api/v1/admin/users/cy/devices").then().statusCode(200)
                .body("revoked", equalTo(true));
        assertThat(login(Map.of("username", "cy", "password", "pw-2y", "device_token", device), freshIp())
                .statusCode()).as("a revoked device token").isEqualTo(429);
    }

    /**
     * Smart lockout: the audit's owner without a device token (an API client, a cleared browser) was kept
     * out 20 times of 20 by guesses from three other addresses. Where the owner logged in before, that
     * place's own failures decide; elsewhere the account stays throttled, and guesses at the familiar place
     * are throttled there.
     */
    @Test
    void accountUnderAttackFromElsewhereLetsItsOwnerInFromAFamiliarPlaceWithoutADeviceToken() {
        String home = freshIp();
        assertThat(login("cy", "pw-2y", home).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(login("cy", "guess" + i, freshIp()).statusCode()).isEqualTo(401);
        }
        assertThat(login("cy", "pw-2y", home).statusCode()).as("the owner at home, no device token").isEqualTo(200);
        assertThat(login("cy", "pw-2y", freshIp()).statusCode()).as("an unfamiliar place stays throttled: the"
                + " owner's success at home forgives no guess from elsewhere").isEqualTo(429);
        for (int i = 0; i < 2; i++) {
            assertThat(login("cy", "pw-2y", home).statusCode()).as("the owner at home again").isEqualTo(200);
        }

        for (int i = 0; i < 3; i++) {
            assertThat(login("cy", "guess" + i, home).statusCode()).isEqualTo(401);
        }
        assertThat(login("cy", "pw-2y", home).statusCode()).as("guesses at the familiar place are throttled there")
                .isEqualTo(429);

        // issue 35, findings 4 and 5: the admin sees the back-off at the familiar place, and unlocks it
        String admin = accessToken("root", "secret-admin");
        ExtractableResponse<Response> lockouts = given().auth().oauth2(admin).get("/api/v1/admin/lockouts").then()
                .statusCode(200).extract();
        assertThat(lockouts.jsonPath().getList("lockouts.findAll { it.scope == 'place' && it.place == '" + home
                + "' }.subject", String.class)).containsExactly("cy");
        assertThat(lockouts.jsonPath().getString("lockouts.find { it.scope == 'place' && it.place == '" + home
                + "' }.unlock")).isEqualTo("/api/v1/admin/users/cy/lockout");
        given().auth().oauth2(admin).delete("/api/v1/admin/users/cy/lockout").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/{ip}", home).then().statusCode(200);
        assertThat(login("cy", "pw-2y", home).statusCode()).as("released by the admin, at home").isEqualTo(200);
    }

    @Test
    void deviceTokenIsNoAccessToken() {
        String device = login("ann", "pw-2a", ip).path("device_token");
        assertThat(RestFlowScenarios.sessionStatus(device)).isEqualTo(401);
    }

    @Test
    void throttledAccountRecoversAfterItsDelay() {
        for (int i = 0; i < 3; i++) {
            login("cy", "wrong", freshIp());
        }
        assertThat(login("cy", "pw-2y", freshIp()).statusCode()).isEqualTo(429);
        RestFlowScenarios.elapse(store, clock, Duration.ofMillis(1001));
        assertThat(login("cy", "pw-2y", freshIp()).statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedIpFromTheTrustedProxyIsTheOneLockedOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("nobody" + i, "wrong", ip).statusCode()).isEqualTo(401);
        }
        assertThat(login("ben", "wrong", ip).statusCode()).isEqualTo(429);
        assertThat(login("ann", "pw-2a", "198.51.100.1").statusCode()).as("another client IP").isEqualTo(200);
        assertThat(given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").statusCode()).as("the proxy's own address is not locked").isEqualTo(200);
    }

    @Test
    void accountCountingIgnoresCaseAndUnicodeForm() {
        // Compatibility forms (NFKC), case and surrounding spaces all name one account.
        assertThat(login("ｂｅｎ", "wrong", freshIp()).statusCode()).as("full-width form of ben").isEqualTo(401);
        assertThat(login("\uD835\uDC01\uD835\uDC04\uD835\uDC0D", "wrong", freshIp()).statusCode())
                .as("mathematical bold BEN").isEqualTo(401);
        assertThat(login(" Ben\u00A0", "wrong", freshIp()).statusCode()).as("mixed case, no-break space").isEqualTo(401);
        assertThat(store.failures("user:ben", Duration.ofSeconds(2)).await().indefinitely().count())
                .as("three failures on one account key").isEqualTo(3);
        assertThat(login("ben", "pw-2b", freshIp()).statusCode()).as("counted as the same account").isEqualTo(429);

        // Composed and decomposed accents (NFC, NFD) name one account too; a name without the accent is another.
        assertThat(login("zo\u00EB", "wrong", freshIp()).statusCode()).isEqualTo(401);
        assertThat(login("zoe\u0308", "wrong", freshIp()).statusCode()).isEqualTo(401);
        assertThat(login("ZOE\u0308", "wrong", freshIp()).statusCode()).isEqualTo(401);
        assertThat(login("zoe", "wrong", freshIp()).statusCode()).isEqualTo(401);
        assertThat(store.failures("user:zo\u00EB", Duration.ofSeconds(2)).await().indefinitely().count()).isEqualTo(3);
        assertThat(store.failures("user:zoe", Duration.ofSeconds(2)).await().indefinitely().count()).isEqualTo(1);
        assertThat(login("zoe\u0308", "wrong", freshIp()).statusCode()).as("the accented account is throttled").isEqualTo(429);
    }

    @Test
    void unknownUserAndWrongPasswordAnswersAreByteIdentical() {
        ExtractableResponse<Response> unknown = login("nobody", "pw", ip);
        ExtractableResponse<Response> wrong = login("root", "pw", "198.51.100.6");
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.asByteArray()).isEqualTo(wrong.asByteArray());
        assertThat(headers(unknown)).isEqualTo(headers(wrong));
    }

    private static List<String> headers(ExtractableResponse<Response> r) {
        return r.headers().asList().stream().map(h -> h.getName() + "=" + h.getValue()).sorted().toList();
    }

    @Test
    void concurrentWrongPasswordsFromOneIpAreCheckedAtMostMaxFailuresPlusInFlightMinusOne() throws Exception {
        // Sent asynchronously from one client: 150 RestAssured calls on 150 threads took ~2 s of this
        // machine's two cores to send, as long as the test profile's lockout window, and the bound holds
        // per window.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 150; i++) {
            HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/v1/login"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", ip)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"guess" + i + "\",\"password\":\"wrong\"}"))
                    .build();
            sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var response : sent) {
            statuses.add(response.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        assertThat(statuses).filteredOn(s -> s == 401).as("reached a password check: 3 + 4 - 1 at most")
                .hasSizeBetween(3, 6);
        assertThat(statuses).filteredOn(s -> s != 401).containsOnly(429);
        assertThat(store.failures("ip:" + ip, Duration.ofSeconds(2)).await().indefinitely().count()).isBetween(3, 6);
        assertThat(answeredIn).as("all answered inside one lockout window").isLessThan(Duration.ofSeconds(2));
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
        given().auth().oauth2(user).delete("/api/v1/admin/users/ann/devices").then().statusCode(403);
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
                .put("/api/v1/admin/sessions/" + firstId + "/budget").then()
                .statusCode(422).body("detail", containsString("limit"));
        given().auth().oauth2(first).get("/api/v1/session").then().body("budget.limit", equalTo(3.5f));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"limit\": null}")
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
            login("nobody" + i, "wrong", ip);
        }
        assertThat(login("ben", "pw-2b", ip).statusCode()).isEqualTo(429);
        String admin = accessToken("root", "secret-admin");
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/" + ip).then().statusCode(200)
                .body("cleared", equalTo(ip));
        given().auth().oauth2(admin).delete("/api/v1/admin/lockouts/not-an-ip").then().statusCode(400);
        assertThat(login("ben", "pw-2b", ip).statusCode()).isEqualTo(200);
    }
}
