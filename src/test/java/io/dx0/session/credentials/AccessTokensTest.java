package io.dx0.session.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.dx0.session.testsupport.MutableClock;

class AccessTokensTest {

    private static final String SECRET = "kq3N8vX2pL7wR4tZ9mB6cF1hJ5yD0sGa";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static JwtSettings jwt(String secret, String keyFile) {
        return new JwtSettings() {
            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            public Optional<String> privateKeyFile() {
                return Optional.ofNullable(keyFile);
            }

            public String issuer() {
                return "dx0-session-service";
            }

            public Duration accessTokenTtl() {
                return Duration.ofMinutes(15);
            }
        };
    }

    private AccessTokens tokens(JwtSettings jwt) {
        return new AccessTokens(jwt, clock);
    }

    @Test
    void issuedTokenCarriesTheDx0ClaimsAndVerifies() throws Exception {
        AccessTokens tokens = tokens(jwt(SECRET, null));
        String token = tokens.issue("ben", "sid-1", "user");
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(parsed.verify(new com.nimbusds.jose.crypto.MACVerifier(SECRET.getBytes()))).as("Dx0's side verifies it")
                .isTrue();
        assertThat(parsed.getJWTClaimsSet().getClaims()).containsKeys("sub", "sid", "grp", "exp", "iat", "iss");
        assertThat(tokens.verify(token)).isEqualTo(new AccessToken("ben", "sid-1", "user",
                clock.instant().plus(Duration.ofMinutes(15))));
        assertThat(tokens.jwks()).containsEntry("keys", java.util.List.of());
    }

    @Test
    void aTokenVerifiedBeforeIsStillRejectedOnceExpiredAndAnAlteredCopyIsCheckedInFull() {
        AccessTokens tokens = tokens(jwt(SECRET, null));
        String token = tokens.issue("ben", "sid-1", "user");
        assertThat(tokens.verify(token).sessionId()).isEqualTo("sid-1");
        assertThat(tokens.verify(token).sessionId()).as("answered from the verified tokens").isEqualTo("sid-1");

        String[] parts = token.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String altered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        assertThatThrownBy(() -> tokens.verify(altered)).as("one signature character changed")
                .isInstanceOf(InvalidTokenException.class);

        clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> tokens.verify(token)).as("kept, but expired").isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void expiredForgedUnsignedAndForeignTokensAreRejected() throws Exception {
        AccessTokens tokens = tokens(jwt(SECRET, null));
        String token = tokens.issue("ben", "sid-1", "user");
        clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);

        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("dx0-session-service").subject("root")
                .claim("sid", "x").claim("grp", "admin").expirationTime(Date.from(clock.instant().plusSeconds(60))).build();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner("another-secret-another-secret-another-secret".getBytes()));
        assertThatThrownBy(() -> tokens.verify(forged.serialize())).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(new PlainJWT(new PlainHeader(), claims).serialize()))
                .as("alg none").isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify("a.b.c")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenIssuedBeyondTheClockSkewInTheFutureOrWithoutIssueTimeIsRejected() throws Exception {
        AccessTokens tokens = tokens(jwt(SECRET, null));
        String withinSkew = sign(clock.instant().plus(AccessTokens.CLOCK_SKEW));
        assertThat(tokens.verify(withinSkew).sessionId()).isEqualTo("sid-1");
        String aYearAhead = sign(clock.instant().plus(Duration.ofDays(365)));
        assertThatThrownBy(() -> tokens.verify(aYearAhead)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("future");
        String justBeyond = sign(clock.instant().plus(AccessTokens.CLOCK_SKEW).plusSeconds(1));
        assertThatThrownBy(() -> tokens.verify(justBeyond)).isInstanceOf(InvalidTokenException.class);
        String undated = sign(null);
        assertThatThrownBy(() -> tokens.verify(undated)).isInstanceOf(InvalidTokenException.class);
    }

    /** A token signed with the service's own secret, issued at {@code iat} (none when null). */
    private String sign(Instant iat) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("dx0-session-service").subject("ben")
                .claim("sid", "sid-1").claim("grp", "user").issueTime(iat == null ? null : Date.from(iat))
                .expirationTime(Date.from(clock.instant().plus(Duration.ofDays(400)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes()));
        return jwt.serialize();
    }

    @Test
    void rsaKeySignsRs256AndPublishesOnlyItsPublicHalf(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");

        AccessTokens tokens = tokens(jwt(null, pem.toString()));
        String token = tokens.issue("ben", "sid-1", "user");
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);

        JWKSet published = JWKSet.parse(tokens.jwks());
        RSAKey key = (RSAKey) published.getKeyByKeyId(parsed.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(parsed.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(tokens.verify(token).username()).isEqualTo("ben");

        String hmacToken = tokens(jwt(SECRET, null)).issue("ben", "sid-1", "user");
        assertThatThrownBy(() -> tokens.verify(hmacToken)).as("algorithm pinned to RS256")
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shortOrWellKnownSecretsAreRecognised() {
        assertThatThrownBy(() -> tokens(jwt("too-short", null))).isInstanceOf(IllegalArgumentException.class);
        assertThat(SecretPolicy.refusal("changeme-changeme-changeme-changeme")).isPresent();
        assertThat(SecretPolicy.refusal("x".repeat(40))).isPresent();
        assertThat(SecretPolicy.refusal("your-256-bit-secret-your-256-bit-secret")).isPresent();
    }

    /**
     * Outside dev and test (a unit test runs in Quarkus' normal launch mode, as production does) the
     * secret must be set and must pass the whole policy, not only its length.
     */
    @Test
    void inProductionAMissingOrGuessableSecretStopsTheStart() {
        assertThat(io.quarkus.runtime.LaunchMode.current().isDevOrTest()).as("this test runs as production would")
                .isFalse();
        assertThatThrownBy(() -> tokens(jwt(null, null))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session.jwt.secret is not set");
        assertThatThrownBy(() -> tokens(jwt("ab".repeat(24), null))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("patterned");
        assertThatThrownBy(() -> tokens(jwt("acme-hospital-dx0-production-jwt-secret-2026", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("made of words");
        assertThat(tokens(jwt(SECRET, null)).ttlSeconds()).isEqualTo(15 * 60);
    }

    /** A token verified once is answered from the cache, not parsed and checked again (ADR 0006's budget). */
    @Test
    void aTokenVerifiedOnceIsNotCheckedAgain() {
        AccessTokens tokens = tokens(jwt(SECRET, null));
        String token = tokens.issue("ben", "sid-1", "user");
        assertThat(tokens.verify(token)).isSameAs(tokens.verify(token));
        assertThat(tokens.signingKey().algorithm().getName()).isEqualTo("HS256");
    }
}
