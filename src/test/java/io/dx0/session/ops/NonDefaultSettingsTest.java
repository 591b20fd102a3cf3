package io.dx0.session.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.ShiftedClock;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Settings an operator may turn away from their defaults, each proven over real HTTP and sockets in
 * one application start (one start instead of three keeps the suite short): RS256 signing with the
 * public key served as JWKS, a rate-limited socket kept open, and the scheduled purge running often.
 */
@QuarkusTest
@TestProfile(NonDefaultSettingsTest.Profile.class)
class NonDefaultSettingsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.jwt.private-key-file", rsaKeyFile().toString(),
                    "session.ws.close-on-rate-limit", "false",
                    "session.purge-interval", "200ms");
        }

        private static Path rsaKeyFile() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                Path pem = Files.createTempFile("dx0-jwt", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n");
                return pem;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");

    @TestHTTPResource("/")
    URL base;

    private ShiftedClock clock;

    @BeforeEach
    void installClock() {
        clock = ShiftedClock.installed();
    }

    private static Map<String, Object> login(String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", user, "password", password))
                .post("/api/v1/login").then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    void accessTokensAreSignedRs256AndVerifyWithTheKeyPublishedAsJwks() throws Exception {
        String access = login("ann", "pw-2a").get("access_token").toString();
        SignedJWT token = SignedJWT.parse(access);
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);

        JWKSet published = JWKSet.parse(given().get("/.well-known/jwks.json").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString());
        assertThat(published.getKeys()).hasSize(1);
        RSAKey key = (RSAKey) published.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).as("the token's kid is the published key").isNotNull();
        assertThat(key.isPrivate()).as("only the public half is served").isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("ann");

        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
        assertThat(WsClient.upgradeStatus(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN)).isEqualTo(101);

        // The same claims HMAC-signed with a secret of the right length: refused, the algorithm is pinned.
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder(token.getJWTClaimsSet()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .build());
        forged.sign(new MACSigner("a-secret-of-thirty-two-bytes-or-more!!".getBytes()));
        given().auth().oauth2(forged.serialize()).get("/api/v1/session").then().statusCode(401);
        assertThat(WsClient.upgradeStatus(base.getPort(), "/api/v1/ws?token=" + forged.serialize(), ORIGIN)).isEqualTo(401);
    }

    @Test
    void withCloseOnRateLimitOffALimitedSocketStaysOpenAndChatsAfterTheWindow() throws Exception {
        String access = login("ben", "pw-2b").get("access_token").toString();
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access, ORIGIN)) {
            for (int i = 0; i < 5; i++) {
                assertThat(ws.exchange("question", "cough?")).last()
                        .satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
            }
            for (int i = 0; i < 3; i++) {
                JsonNode limited = ws.exchange("question", "cough?").get(0);
                assertThat(limited.get("code").asText()).isEqualTo("rate_limited");
                assertThat(limited.get("retry_after_ms").asLong()).isBetween(1L, 3000L);
            }
            assertThat(ws.isClosed()).as("the socket stays open").isFalse();
            clock.advance(Duration.ofSeconds(3));
            List<JsonNode> answered = ws.exchange("question", "cough?");
            assertThat(answered).last().satisfies(f -> assertThat(f.get("done").asBoolean()).isTrue());
        }
    }

    @Test
    void theScheduledPurgeRemovesExpiredSessions() {
        double before = purged();
        login("cy", "pw-2y");
        login("cy", "pw-2y");
        clock.advance(Duration.ofHours(1));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> purged() - before >= 2);
    }

    private static double purged() {
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("dx0_sessions_purged_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
