package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.LogCapture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;

/**
 * Issue 36: a block of IPv6 addresses sprays wrong logins (250 /64s of one /48, 4 at once each, every one
 * naming another account, two rounds), while an account's owner logs in with its device token from elsewhere and without
 * one from its familiar place, and a user who never logged in before comes from an unrelated address.
 * The users' hashes cost 8 and the bcrypt line holds 50 ms of checks here, so most of the flood is refused for capacity; nobody else
 * is, and nothing of it is an error or a store time-out.
 */
abstract class LoginFloodScenarios {

    /** 50 ms of bcrypt work may wait: a flood of 1,000 cost-8 checks at once (about 10 s of them) is far past it. */
    public static class ShortLine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.overload.login-queue", "50ms", "session.users-file",
                    "src/test/resources/flood-users.yml");
        }
    }

    private static final int NETWORKS = 250;
    private static final int AT_ONCE = 4;

    @Inject
    SessionStore store;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> login(String from, String body) throws Exception {
        return client.send(request(from, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String from, String body) {
        return HttpRequest.newBuilder(URI.create(base + "api/v1/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String credentials(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    /** Password spraying: every login of the flood names another account, so no account's gate holds it back. */
    private List<CompletableFuture<HttpResponse<String>>> flood(int round) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int net = 0; net < NETWORKS; net++) {
            for (int i = 0; i < AT_ONCE; i++) {
                answers.add(client.sendAsync(request("2001:db8:77:" + Integer.toHexString(net) + "::" + (i + 1),
                        credentials("sprayed-" + round + "-" + net + "-" + i, "guess")), HttpResponse.BodyHandlers.ofString()));
            }
        }
        return answers;
    }

    @Test
    void aFloodFromOneSlash48RefusesNeitherTheAccountsOwnersNorABystander() throws Exception {
        RestFlowScenarios.forgetFailures(store);
        String home = "198.51.100.20";
        String device = given().contentType(ContentType.JSON).header("X-Forwarded-For", home)
                .body(Map.of("username", "cy", "password", "pw-2y")).post("/api/v1/login").then().statusCode(200)
                .extract().path("device_token");
        String withDevice = "{\"username\":\"cy\",\"password\":\"pw-2y\",\"device_token\":\"" + device + "\"}";

        List<Integer> owners = new ArrayList<>();
        List<Integer> bystanders = new ArrayList<>();
        List<HttpResponse<String>> flooded = new ArrayList<>();
        try (LogCapture log = LogCapture.of("")) {
            for (int round = 0; round < 2; round++) {
                List<CompletableFuture<HttpResponse<String>>> flood = flood(round);
                for (int i = 0; i < 3; i++) {
                    owners.add(login("192.0.2." + (10 * round + i + 1), withDevice).statusCode());
                    owners.add(login(home, credentials("cy", "pw-2y")).statusCode());
                    bystanders.add(login("203.0.113." + (10 * round + i + 1), credentials("ben", "pw-2b")).statusCode());
                }
                for (CompletableFuture<HttpResponse<String>> answer : flood) {
                    flooded.add(answer.get(60, TimeUnit.SECONDS));
                }
            }
            assertThat(log.records().stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(r -> r.getLoggerName() + ": " + r.getMessage())).as("no ERROR line").isEmpty();
        }

        assertThat(owners).as("the owner, with its device token and at its familiar place").containsOnly(200);
        assertThat(bystanders).as("a user who never logged in, from an unrelated address").containsOnly(200);
        assertThat(flooded).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isIn(401, 429, 503);
            assertThat(answer.body()).doesNotContain("Session store unavailable");
        });
        assertThat(flooded).as("the flood met the bound of the bcrypt line")
                .anySatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(503));
    }
}
