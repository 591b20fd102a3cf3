package io.dx0.session.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.dx0.session.storage.backend.SessionStore;
import io.dx0.session.testsupport.FailedLogins;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Generated bad input on every body, header, query parameter and WebSocket frame the service
 * reads. Every answer must be a clear 4xx problem (or the documented 200 of an idempotent call) or
 * a close code — never a 5xx, a stack trace or a hang — and the store must hold exactly what the
 * accepted calls put there. Inputs come from a seeded {@link Corpus}; the count tried and the seed
 * are printed at the end of each test.
 */
@QuarkusTest
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");
    private static final int SAMPLES = 150;
    /** {@code session.ws.max-invalid-frames}: the allowance of one socket in a rate window. */
    private static final int INVALID_FRAMES_PER_SOCKET = 10;

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionStore store;

    private final Map<String, Integer> tried = new TreeMap<>();
    private String access;
    private String adminAccess;

    @BeforeEach
    void login() {
        FailedLogins.forget(store, "ann", "root");
        access = given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        adminAccess = given().contentType(ContentType.JSON).body(Map.of("username", "root", "password", "secret-admin"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
    }

    private final Corpus corpus = new Corpus();

    /** Values of every JSON type and none, at the edges: what a confused or hostile client sends. */
    private List<JsonNode> hostileValues(int count) {
        List<JsonNode> fixed = List.of(
                NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0), NODES.numberNode(-1),
                NODES.numberNode(-0.0), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new BigDecimal("1e400")),
                NODES.numberNode(new BigDecimal("-1e-400")), NODES.numberNode(new BigDecimal("0.001")),
                NODES.numberNode(new BigDecimal("9".repeat(500))), NODES.textNode("NaN"), NODES.textNode("Infinity"),
                NODES.textNode("-Infinity"), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("\u0000\u0001\u001f"),
                NODES.textNode("x".repeat(10_000)), NODES.textNode("\uD800"), NODES.arrayNode(), NODES.objectNode(),
                NODES.arrayNode().add(1).add("two"), NODES.objectNode().put("$ne", ""));
        List<JsonNode> values = new ArrayList<>(fixed);
        corpus.strings(count / 2, 300).forEach(s -> values.add(NODES.textNode(s)));
        corpus.doubles(count / 4).forEach(d -> values.add(NODES.numberNode(d)));
        return values;
    }

    /** Raw bodies that are not a JSON object at all: noise, invalid UTF-8, broken and deeply nested JSON. */
    private List<byte[]> rawBodies(String validExample) {
        List<byte[]> bodies = new ArrayList<>(corpus.bytes(SAMPLES / 3, 400));
        corpus.strings(SAMPLES / 3, 400).forEach(s -> bodies.add(Corpus.utf8(s)));
        for (int cut = 1; cut < validExample.length(); cut += Math.max(1, validExample.length() / 12)) {
            bodies.add(validExample.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' });
        bodies.add(new byte[] { (byte) 0xFF, (byte) 0xFE, '{', '}' });
        bodies.add(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)).getBytes(StandardCharsets.UTF_8));
        bodies.add("null".getBytes(StandardCharsets.UTF_8));
        bodies.add("[]".getBytes(StandardCharsets.UTF_8));
        bodies.add("\"string\"".getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"x\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    /** Objects with each field of {@code valid} replaced by hostile values, dropped, or joined by unknown fields. */
    private List<ObjectNode> hostileObjects(ObjectNode valid) {
        List<ObjectNode> objects = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            hostileValues(SAMPLES / fields.size()).forEach(value -> {
                ObjectNode o = valid.deepCopy();
                o.set(field, value);
                objects.add(o);
            });
            ObjectNode without = valid.deepCopy();
            without.remove(field);
            objects.add(without);
        }
        ObjectNode extra = valid.deepCopy();
        extra.put("unknown_field", "x");
        objects.add(extra);
        return objects;
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(10))
                .method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        try {
            HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            // Only a body over the limit may be cut off: the server answers 413 and closes while the client still writes.
            assertThat(body).as(method + " " + path + ": " + e).isNotNull();
            assertThat(body.length).as("connection dropped for a small body: " + e).isGreaterThan(64 * 1024);
            return new Answer(413, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void expectClear(String what, Answer a, int... allowed) {
        tried.merge(what, 1, Integer::sum);
        List<Integer> ok = new ArrayList<>();
        for (int s : allowed) {
            ok.add(s);
        }
        assertThat(a.status()).as(what + " -> " + a.status() + " " + a.body())
                .satisfiesAnyOf(s -> assertThat(s).isBetween(400, 499), s -> assertThat(ok).contains(s));
        assertThat(a.body()).as(what + ": no internals").doesNotContain("Exception", "\tat ", "io.dx0", "java.", "jackson");
        if (a.status() >= 400 && !a.body().isEmpty()) {
            assertThat(a.contentType()).as(what).startsWith("application/problem+json");
            assertThat(a.body()).contains("\"detail\"");
        }
    }

    private static Map<String, String> json(String bearer) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        if (bearer != null) {
            h.put("Authorization", "Bearer " + bearer);
        }
        return h;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyRestBodyRefusesBadInputClearlyAndChangesNothing() {
        long liveBefore = store.countLive().await().indefinitely();
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        bodies.put("/api/v1/login", NODES.objectNode().put("username", "ann").put("password", "not-her-password"));
        bodies.put("/api/v1/refresh", NODES.objectNode().put("refresh_token", "abc.def"));
        bodies.put("/api/v1/logout", NODES.objectNode().put("refresh_token", "abc.def"));
        for (var e : bodies.entrySet()) {
            String path = e.getKey();
            for (ObjectNode o : hostileObjects(e.getValue())) {
                expectClear("body " + path, send("POST", path, json(null), bytes(o)));
                FailedLogins.forget(store, "ann");
            }
            for (byte[] raw : rawBodies(e.getValue().toString())) {
                expectClear("raw body " + path, send("POST", path, json(null), raw));
            }
            expectClear("wrong content type " + path,
                    send("POST", path, Map.of("Content-Type", "text/plain"), bytes(e.getValue())));
        }
        assertThat(store.countLive().await().indefinitely()).as("no session created or ended").isEqualTo(liveBefore);
        System.out.printf("bad REST bodies tried (seed %d): %s%n", Corpus.SEED, tried);
    }

    /**
     * Every charge body gets exactly the answer the service's rules give it ({@link #expectedCharge}),
     * on a session whose budget was made unlimited so that no input is excused by a budget already
     * spent; the idempotency key is fuzzed like the other fields, and after every input the session's
     * {@code spent} is exactly the sum of what was charged (never negative).
     */
    @Test
    void eachChargeGetsTheAnswerItsInputDeservesAndTheStoreHoldsExactlyTheCharged() throws IOException {
        String sessionId = given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200)
                .extract().path("id");
        given().auth().oauth2(adminAccess).contentType(ContentType.JSON).body("{\"limit\": null}")
                .put("/api/v1/admin/sessions/" + sessionId + "/budget").then().statusCode(200);
        ObjectNode valid = NODES.objectNode().put("amount", 1).put("category", "test").put("idempotency_key", "k");
        List<ObjectNode> inputs = hostileObjects(valid);
        for (String amount : List.of("0.01", "1.50", "1.5", "1E+2", "99.99", "10000000000", "10000000000.00",
                "10000000000.01", "0.005", "1.005", "0", "0.00", "-0.01", "-5", "1e-2", "12345678901.5")) {
            inputs.add(valid.deepCopy().put("amount", new BigDecimal(amount)));
        }
        BigDecimal charged = BigDecimal.ZERO;
        Set<String> keysUsed = new HashSet<>();
        int n = 0;
        for (ObjectNode o : inputs) {
            if ("k".equals(o.path("idempotency_key").textValue())) {
                o.put("idempotency_key", "fuzz-" + n++); // the key was not the fuzzed field: one of its own
            }
            int expected = expectedCharge(o);
            Answer a = send("POST", "/api/v1/session/charges", json(access), bytes(o));
            expectClear("charge body", a, 200);
            assertThat(a.status()).as("%s -> %s", o, a.body()).isEqualTo(expected);
            String key = keyAsSent(o);
            boolean repeated = key != null && !keysUsed.add(key);
            if (a.status() == 200 && !repeated) {
                charged = charged.add(o.get("amount").decimalValue());
            }
            assertThat(spent()).as("spent after %s", o).isEqualByComparingTo(charged).isNotNegative();
        }
        for (byte[] raw : rawBodies(valid.toString())) {
            expectClear("raw charge body", send("POST", "/api/v1/session/charges", json(access), raw));
        }
        for (ObjectNode o : hostileObjects(NODES.objectNode().put("limit", 10))) {
            expectClear("admin budget body", send("PUT", "/api/v1/admin/sessions/no-such-session/budget",
                    json(adminAccess), bytes(o)));
        }
        System.out.printf("bad charge inputs tried (seed %d): %s (charged: %s)%n", Corpus.SEED, tried, charged);
    }

    /** The session's spent amount to the cent (RestAssured's paths read JSON numbers as float). */
    private BigDecimal spent() throws IOException {
        String body = given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200).extract().asString();
        return EXACT.readTree(body).at("/budget/spent").decimalValue();
    }

    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BigDecimal MIN_AMOUNT = new BigDecimal("0.01");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000000");

    /**
     * The answer the service's rules give a charge body on a session with no budget limit: 422 for an
     * amount that is missing, not a JSON number, under 0.01, over 10,000,000,000 or finer than a cent;
     * for a category over 64 characters; for an idempotency key that is not 1 to 128 printable ASCII
     * characters. A number or boolean where a string belongs is read as its text (Jackson's scalar
     * coercion; only the reverse is refused, see StrictJson); an array or object there is 422. Unknown
     * fields are ignored. Anything else is charged: 200.
     */
    private static int expectedCharge(ObjectNode o) {
        JsonNode amount = o.get("amount");
        if (amount == null || !amount.isNumber() || amount.isFloatingPointNumber() && !Double.isFinite(amount.doubleValue())) {
            return 422;
        }
        BigDecimal value = amount.decimalValue();
        BigDecimal exact = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (value.compareTo(MIN_AMOUNT) < 0 || value.compareTo(MAX_AMOUNT) > 0 || exact.scale() > 2) {
            return 422;
        }
        StringField category = StringField.of(o.get("category"));
        if (!category.readable() || category.text() != null && category.text().length() > 64) {
            return 422;
        }
        StringField key = StringField.of(o.get("idempotency_key"));
        if (!key.readable() || key.text() != null && !key.text().matches("[\\x21-\\x7e]{1,128}")) {
            return 422;
        }
        return 200;
    }

    /** Opens a socket with {@code ?budget=} and expects the answer the rule gives it. */
    private void judgeBudgetUpgrade(String budget) throws Exception {
        String encoded = URLEncoder.encode(budget, StandardCharsets.UTF_8).replace("+", "%20");
        int upgrade = WsClient.upgradeStatus(base.getPort(), "/api/v1/ws?token=" + access + "&budget=" + encoded, ORIGIN);
        tried.merge("ws ?budget=", 1, Integer::sum);
        if (budgetIsValid(budget)) {
            // 429 when sockets just closed are not yet unregistered (5 per session)
            assertThat(upgrade).as("?budget=%s", budget).isIn(101, 429);
        } else {
            assertThat(upgrade).as("?budget=%s", budget).isEqualTo(400);
        }
    }

    /** The upgrade's rule for {@code ?budget=}: a decimal amount, 0 to 10,000,000,000, at most two decimals. */
    private static boolean budgetIsValid(String raw) {
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            return value.signum() >= 0 && value.compareTo(MAX_AMOUNT) <= 0 && value.stripTrailingZeros().scale() <= 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * What a string field holds once read: no text when absent or null, else the text; a number, a
     * boolean, an array or an object is not a string (StrictJson) and is refused.
     */
    private record StringField(boolean readable, String text) {
        static StringField of(JsonNode node) {
            if (node == null || node.isNull()) {
                return new StringField(true, null);
            }
            if (node.isTextual()) {
                return new StringField(true, node.textValue());
            }
            return new StringField(false, null);
        }
    }

    private static String keyAsSent(ObjectNode o) {
        return StringField.of(o.get("idempotency_key")).text();
    }

    @Test
    void headersPathsAndTokensNeverGetPastAuthentication() throws Exception {
        List<String> tokens = new ArrayList<>();
        tokens.addAll(corpus.strings(SAMPLES, 600));
        tokens.addAll(corpus.printable(SAMPLES, 2000));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("root").claim("sid", "x").claim("grp", "admin")
                .issuer("dx0-session-service").expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner("another-secret-another-secret-another-secret!".getBytes(StandardCharsets.UTF_8)));
        tokens.add(forged.serialize());
        tokens.add(new PlainJWT(claims).serialize());
        String[] parts = access.split("\\.");
        tokens.add(parts[0] + "." + parts[1] + ".");
        tokens.add("eyJhbGciOiJub25lIn0." + parts[1] + ".");
        tokens.add(parts[0] + "." + parts[1].substring(1) + "." + parts[2]);
        String ended = given().contentType(ContentType.JSON).body(Map.of("username", "ben", "password", "pw-2b"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(ended).post("/api/v1/logout").then().statusCode(200);
        tokens.add(ended);

        for (String token : tokens) {
            String header = token.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? token
                    : URLEncoder.encode(token, StandardCharsets.UTF_8);
            expectClear("bearer on GET /session",
                    send("GET", "/api/v1/session", Map.of("Authorization", "Bearer " + header), null));
            expectClear("raw Authorization",
                    send("GET", "/api/v1/session", Map.of("Authorization", header.isEmpty() ? "x" : header), null));
            expectClear("bearer on admin", send("DELETE", "/api/v1/admin/users/ann/sessions",
                    Map.of("Authorization", "Bearer " + header), null));
            expectClear("ws ?token=", new Answer(WsClient.upgradeStatus(base.getPort(),
                    "/api/v1/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), ORIGIN), "", ""));
        }
        Function<String, String> enc = s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        for (String junk : tokens.subList(0, SAMPLES)) {
            String p = enc.apply(junk.isEmpty() ? "x" : junk);
            expectClear("admin path", send("GET", "/api/v1/admin/users/" + p + "/sessions", json(adminAccess), null), 200);
            expectClear("admin path", send("DELETE", "/api/v1/admin/lockouts/" + p, json(adminAccess), null), 200);
            expectClear("admin path", send("DELETE", "/api/v1/admin/sessions/" + p, json(adminAccess), null), 200);
            String xff = junk.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? junk : "x";
            Map<String, String> h = json(null);
            h.put("X-Forwarded-For", xff.isEmpty() ? "," : xff);
            h.put("X-Request-Id", xff.isEmpty() ? "," : xff);
            expectClear("forwarded-for on login", send("POST", "/api/v1/login", h,
                    bytes(NODES.objectNode().put("username", "nobody").put("password", "x"))));
            store.clearFailures("user:nobody").await().indefinitely();
            judgeBudgetUpgrade(junk.isEmpty() ? "x" : junk);
        }
        for (String edge : List.of("5", " 5 ", "0", "0.00", "1.50", "1e2", "10000000000", "10000000000.00",
                "10000000000.01", "-0.01", "-1", "1.005", "1E+400", "NaN", "Infinity", "0x10", "1,5", "")) {
            judgeBudgetUpgrade(edge);
        }
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
        System.out.printf("bad tokens, headers, paths and query parameters tried (seed %d): %s%n", Corpus.SEED, tried);
    }

    @Test
    void everyBadWebSocketFrameGetsAnErrorFrameOrACloseCodeNeverAServerError() throws Exception {
        List<String> frames = new ArrayList<>();
        frames.addAll(corpus.strings(SAMPLES, 300));
        hostileObjects(NODES.objectNode().put("action", "question").put("content", "cough?")).stream()
                .filter(o -> !(o.path("action").isTextual() && o.path("content").isTextual()
                        && List.of("question", "test", "diagnosis").contains(o.path("action").asText())
                        && !o.path("content").asText().isBlank() && o.path("content").asText().length() <= 10_000))
                .map(JsonNode::toString).forEach(frames::add);
        frames.add("{\"action\":\"question\",\"content\":\"" + "x".repeat(10_001) + "\"}");
        frames.add("{\"action\":\"QUESTION\",\"content\":\"x\"}");
        frames.add("{\"action\":\"question\"}");

        WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN);
        int onThisSocket = 0;
        try {
            for (String frame : frames) {
                if (onThisSocket == INVALID_FRAMES_PER_SOCKET) {
                    // a socket may send this many invalid frames per window (ChatScenarios tests the bound)
                    ws.close();
                    ws.awaitClose(Duration.ofSeconds(5));
                    ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN);
                    onThisSocket = 0;
                }
                onThisSocket++;
                if (ws.isClosed()) {
                    assertThat(ws.awaitClose(Duration.ofSeconds(5))).as("close after " + frame).isNotEqualTo(1011);
                    ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN);
                    onThisSocket = 1;
                }
                ws.send(frame);
                JsonNode reply = ws.next();
                tried.merge("ws text frame", 1, Integer::sum);
                assertThat(reply.path("code").asText()).as("answer to " + frame).isEqualTo("invalid_message");
                assertThat(reply.path("error").asText()).doesNotContain("Exception", "io.dx0", "jackson");
            }
            ws.sendBinary(new byte[] { 1, 2, 3, (byte) 0xFF });
            tried.merge("ws binary frame", 1, Integer::sum);
            ws.send("x".repeat(17_000));
            tried.merge("ws oversized frame", 1, Integer::sum);
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).as("oversized frame").isEqualTo(1009);
        } finally {
            ws.close();
        }
        BigDecimal spent = new BigDecimal(given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200)
                .extract().path("budget.spent").toString());
        int remaining = given().auth().oauth2(access).get("/api/v1/session").then().extract().path("rate.remaining");
        assertThat(spent).as("nothing charged").isEqualByComparingTo("0");
        assertThat(remaining).as("no bad frame counted against the rate limit").isEqualTo(5);
        System.out.printf("bad WebSocket frames tried (seed %d): %s%n", Corpus.SEED, tried);
    }
}
