package io.dx0.session.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.WsClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Tracing on (issue 41): the span tree of a login and of a chat message, the trace id in a problem body,
 * and no password, token or full user agent in any attribute of any span.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "20ms");
        }
    }

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
    private static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000", "User-Agent", BROWSER);

    @TestHTTPResource("/")
    URL base;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void forget() {
        spans.reset();
    }

    @Test
    void aLoginIsOneTraceWithItsGatesAndItsBcryptCheckAndNoSecretAnywhere() {
        Map<String, Object> tokens = given().header("User-Agent", BROWSER).contentType(ContentType.JSON)
                .body(Map.of("username", "ann", "password", "pw-2a")).post("/api/v1/login").then().statusCode(200)
                .extract().jsonPath().getMap("");

        SpanData request = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST /api/v1/login"));
        SpanData gates = awaitSpan(s -> s.getName().equals("login.gates"));
        SpanData bcrypt = awaitSpan(s -> s.getName().equals("bcrypt.check"));
        assertThat(List.of(gates.getTraceId(), bcrypt.getTraceId())).containsOnly(request.getTraceId());
        assertThat(descendsFrom(gates, request)).as("the gates within the request").isTrue();
        assertThat(descendsFrom(bcrypt, request)).as("the bcrypt check within the request").isTrue();
        assertThat(request.getAttributes().asMap().toString()).doesNotContain("Chrome");

        assertNoSecretIn(List.of("pw-2a", tokens.get("access_token").toString(), tokens.get("refresh_token").toString(),
                tokens.get("device_token").toString(), "Chrome/131"));
    }

    @Test
    void aChatMessageIsASpanAndTheUpgradesTokenIsRedacted() throws Exception {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + token, ORIGIN)) {
            assertThat(ws.exchange("question", "Is the cough worse at night?")).isNotEmpty();
        }
        SpanData upgrade = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().startsWith("GET /api/v1/ws"));
        SpanData message = awaitSpan(s -> s.getName().equals("chat.message"));
        assertThat(message.getEndEpochNanos()).isGreaterThan(message.getStartEpochNanos());
        assertThat(upgrade.getAttributes().asMap().toString()).contains("token=REDACTED");
        assertNoSecretIn(List.of("pw-2a", token, "Chrome/131"));
    }

    @Test
    void aProblemBodyNamesTheTraceOfItsRequest() {
        String traceId = given().auth().oauth2("not-a-token").get("/api/v1/session").then().statusCode(401).extract()
                .path("trace_id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER);
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> spans.getFinishedSpanItems().stream().filter(which).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private boolean descendsFrom(SpanData span, SpanData ancestor) {
        SpanData at = span;
        for (int depth = 0; at != null && depth < 20; depth++) {
            if (at.getSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
            String parent = at.getParentSpanId();
            at = spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    private void assertNoSecretIn(List<String> secrets) {
        assertThat(spans.getFinishedSpanItems()).isNotEmpty().allSatisfy(span -> {
            String attributes = span.getAttributes().asMap().toString() + span.getName() + span.getEvents();
            for (String secret : secrets) {
                assertThat(attributes).as("span %s", span.getName()).doesNotContain(secret);
            }
        });
    }
}
