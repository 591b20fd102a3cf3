package io.dx0.session.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.testsupport.LogCapture;
import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What an operator sees: request ids on responses and log lines, no secret in any log line or
 * metric, the service's own meters at {@code /q/metrics}, and an OpenAPI document that lists every
 * endpoint with its errors.
 */
@QuarkusTest
class OperationsTest {

    private static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");

    @TestHTTPResource("/")
    URL base;

    private LogCapture capture;
    private List<ExtLogRecord> logged;

    @BeforeEach
    void captureLogs() {
        capture = LogCapture.of("");
        logged = capture.records();
    }

    @AfterEach
    void stopCapturing() {
        capture.close();
    }

    private static Map<String, Object> login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/login").then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void everyLogLineOfARequestCarriesItsIdAndNoSecret() {
        Map<String, Object> first = login("cy", "pw-2y");
        String second = given().contentType(ContentType.JSON).body(Map.of("refresh_token", first.get("refresh_token")))
                .post("/api/v1/refresh").then().statusCode(200).extract().path("refresh_token");
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", second))
                .post("/api/v1/refresh").then().statusCode(200);
        // A token rotated out two rotations ago (no leeway for it): the service revokes the session and
        // logs a WARN for this request.
        given().header("X-Request-Id", "reuse-check-42").contentType(ContentType.JSON)
                .body(Map.of("refresh_token", first.get("refresh_token")))
                .post("/api/v1/refresh").then().statusCode(401).header("X-Request-Id", "reuse-check-42");

        List<ExtLogRecord> reuse = logged.stream().filter(r -> r.getFormattedMessage().contains("reused")).toList();
        assertThat(reuse).hasSize(1);
        assertThat(reuse.get(0).getMdc("request_id")).isEqualTo("reuse-check-42");

        String refresh = first.get("refresh_token").toString();
        String secretPart = refresh.substring(refresh.indexOf('.') + 1);
        assertThat(logged).allSatisfy(r -> assertThat(r.getFormattedMessage())
                .doesNotContain("pw-2y", secretPart, first.get("access_token").toString()));
    }

    @Test
    void requestIdIsGeneratedWhenAbsentOrUnsafe() {
        String generated = given().get("/api/v1/case").then().statusCode(200).extract().header("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        String replaced = given().header("X-Request-Id", "has spaces; and=more").get("/api/v1/case").then()
                .statusCode(200).extract().header("X-Request-Id");
        assertThat(replaced).matches("[0-9a-f-]{36}");
        assertThat(given().header("X-Request-Id", "x".repeat(65)).get("/api/v1/tests").then().extract()
                .header("X-Request-Id")).hasSize(36);
    }

    @Test
    void metricsCountTheServiceWorkWithoutIdentifyingAnyone() throws Exception {
        Map<String, Object> tokens = login("ann", "pw-2a");
        String access = tokens.get("access_token").toString();
        given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "wrong"))
                .post("/api/v1/login").then().statusCode(401);
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("amount", 5))
                .post("/api/v1/session/charges").then().statusCode(200);
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("amount", 500))
                .post("/api/v1/session/charges").then().statusCode(402);
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN)) {
            ws.exchange("question", "How long has the cough lasted?");
            assertThat(scrape()).contains("dx0_websocket_connections 1.0");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> scrape().contains("dx0_websocket_connections 0.0"));

        String metrics = scrape();
        assertThat(metrics)
                .containsPattern(sample("dx0_logins_total", "outcome=\"success\"") + " [1-9]")
                .containsPattern(sample("dx0_logins_total", "outcome=\"invalid_credentials\"") + " [1-9]")
                .containsPattern(sample("dx0_budget_charges_total", "outcome=\"charged\"") + " [1-9]")
                .containsPattern(sample("dx0_budget_charges_total", "outcome=\"exceeded\"") + " [1-9]")
                .containsPattern(sample("dx0_rate_limit_decisions_total", "decision=\"within\"") + " [1-9]")
                .containsPattern("dx0_sessions_live [0-9]")
                .containsPattern("dx0_websocket_connections 0")
                .containsPattern(sample("dx0_store_operation_seconds_bucket",
                        "backend=\"memory\",operation=\"charge\",outcome=\"success\",le=\"[^\"]+\""))
                .containsPattern(sample("dx0_store_operation_seconds_count",
                        "backend=\"memory\",operation=\"touch\",outcome=\"success\"") + " [1-9]");
        assertThat(metrics).doesNotContain("\"ann\"", "127.0.0.1", access, tokens.get("refresh_token").toString());
    }

    @Test
    void everyUriLabelIsARouteTemplateWhateverPathsAreSent() {
        Map<String, Object> tokens = login("cy", "pw-2y");
        String sessionId = tokens.get("refresh_token").toString().split("\\.")[0];
        for (int i = 0; i < 75; i++) {
            given().urlEncodingEnabled(false).get("/no/such/path-" + i + "%0D%0Aevil").then().statusCode(404);
            given().urlEncodingEnabled(false).get("/api/v1/path-" + i + "%0D%0Aevil").then().statusCode(404);
        }
        given().get("/api/v1/admin/sessions/" + sessionId).then().statusCode(405);
        given().contentType("text/plain").body("x").post("/api/v1/login").then().statusCode(415);
        given().accept("application/xml").get("/api/v1/case").then().statusCode(406);
        given().get("/api/v1/case").then().statusCode(200);

        String metrics = scrape();
        java.util.Set<String> uris = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (m.find()) {
            uris.add(m.group(1));
        }
        // Without UriTemplates the 405 alone put the raw session id in a label.
        assertThat(uris).as("the real endpoint is still counted after 150 unknown paths").contains("/api/v1/case")
                .contains("/api/v1/admin/sessions/{sessionId}", "/api/v1/login");
        assertThat(uris).allSatisfy(uri -> assertThat(uri).matches("UNKNOWN|NOT_FOUND|REDIRECTION|root|/[A-Za-z0-9/._{}-]*"));
        assertThat(uris).hasSizeLessThan(30);
        assertThat(metrics).doesNotContain(sessionId, "path-1", "evil");
    }

    /** A Prometheus sample line with exactly these labels (the registry may end them with a comma). */
    private static String sample(String name, String labels) {
        return Pattern.quote(name) + "\\{" + labels + ",?\\}";
    }

    private static String scrape() {
        return Management.given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void openApiDocumentsEveryEndpointAndItsErrors() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        JsonNode paths = doc.get("paths");
        Map<String, List<String>> expected = Map.of(
                "/api/v1/login", List.of("post"),
                "/api/v1/refresh", List.of("post"),
                "/api/v1/logout", List.of("post"),
                "/api/v1/session", List.of("get"),
                "/api/v1/session/charges", List.of("post"),
                "/api/v1/case", List.of("get"),
                "/api/v1/tests", List.of("get"),
                "/api/v1/admin/users/{username}/sessions", List.of("get", "delete"),
                "/api/v1/admin/sessions/{sessionId}", List.of("delete"),
                "/api/v1/admin/lockouts/{ip}", List.of("delete"));
        expected.forEach((path, methods) -> methods.forEach(method -> {
            JsonNode op = paths.path(path).path(method);
            assertThat(op.isMissingNode()).as(method + " " + path).isFalse();
            assertThat(op.path("summary").asText()).as("summary of " + method + " " + path).isNotBlank();
            assertThat(op.path("responses").has("200")).as("200 of " + method + " " + path).isTrue();
        }));
        assertThat(paths.path("/api/v1/admin/sessions/{sessionId}/budget").has("put")).isTrue();
        assertThat(paths.path("/.well-known/jwks.json").has("get")).isTrue();

        JsonNode login = paths.path("/api/v1/login").path("post").path("responses");
        assertThat(login.fieldNames()).toIterable().contains("200", "401", "422", "429", "503");
        assertThat(login.path("429").path("headers").has("Retry-After")).isTrue();
        JsonNode charges = paths.path("/api/v1/session/charges").path("post");
        assertThat(charges.path("responses").fieldNames()).toIterable().contains("200", "401", "402", "422", "503");
        assertThat(charges.path("security").toString()).contains("bearer");
        assertThat(paths.path("/api/v1/admin/sessions/{sessionId}").path("delete").path("responses").fieldNames())
                .toIterable().contains("401", "403", "503");
        assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
        assertThat(doc.path("components").path("responses").path("Unavailable").path("headers").has("Retry-After"))
                .isTrue();
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void theApiPortServesNoCleartextHttp2ByDefault() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(12);
            assertThat(new String(answer, StandardCharsets.US_ASCII))
                    .as("a status line refusing the preface, not the SETTINGS frame an HTTP/2 server sends first")
                    .matches("HTTP/[12]\\.[0-9] [45][0-9][0-9]");
        }
    }
}
