package io.dx0.session.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import org.jboss.logging.Logger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.dx0.session.config.SessionConfig;
import io.quarkus.runtime.LaunchMode;

/**
 * Signs and verifies access tokens: HS256 JWTs carrying {@code sub}, {@code sid}, {@code grp},
 * {@code iat}, {@code exp}, {@code iss} — what Dx0's Python side verifies with the same secret.
 */
@Startup
@ApplicationScoped
public class AccessTokens {

    static final int MIN_SECRET_BYTES = 32;
    private static final List<String> KNOWN_DEFAULTS = java.util.List.of("changeme", "change-me", "change_me",
            "your-256-bit-secret", "your-secret", "secretkey", "secret-key", "0123456789abcdef0123456789abcdef",
            "example", "default", "password", "dx0-dev");
    private static final Logger LOG = Logger.getLogger(AccessTokens.class);

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final SessionConfig.Jwt config;
    private final Clock clock;

    AccessTokens(SessionConfig config, Clock clock) {
        this.config = config.jwt();
        this.clock = clock;
        byte[] secret = secret(this.config);
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("session.jwt.secret: " + e.getMessage(), e);
        }
    }

    private static byte[] secret(SessionConfig.Jwt config) {
        if (config.secret().isPresent()) {
            String value = config.secret().get();
            byte[] secret = value.getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("session.jwt.secret must be at least " + MIN_SECRET_BYTES
                        + " bytes; generate one with: openssl rand -base64 48");
            }
            if (!LaunchMode.current().isDevOrTest() && isKnownDefault(value)) {
                throw new IllegalStateException("session.jwt.secret is a well-known example value. Set SESSION_JWT_SECRET"
                        + " to a random value of at least " + MIN_SECRET_BYTES + " bytes, e.g. from: openssl rand -base64 48");
            }
            return secret;
        }
        if (!LaunchMode.current().isDevOrTest()) {
            throw new IllegalStateException("session.jwt.secret is not set. Set SESSION_JWT_SECRET to a random value"
                    + " of at least " + MIN_SECRET_BYTES + " bytes, e.g. from: openssl rand -base64 48");
        }
        LOG.warn("session.jwt.secret is not set: using a random secret for this run (dev/test only)");
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encode(secret);
    }

    /** Example secrets from docs and tutorials, and secrets made of one repeated character. */
    static boolean isKnownDefault(String secret) {
        String s = secret.strip().toLowerCase(Locale.ROOT);
        boolean oneChar = s.chars().distinct().count() <= 1;
        return oneChar || KNOWN_DEFAULTS.stream().anyMatch(s::contains);
    }

    public long ttlSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    public String issue(String username, String sessionId, String group) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(config.issuer())
                .subject(username)
                .claim("sid", sessionId)
                .claim("grp", group)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(config.accessTokenTtl())))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return jwt.serialize();
    }

    /** Checks algorithm, signature, issuer, expiry and the claims this service needs. */
    public AccessToken verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new InvalidTokenException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            String sid = claims.getStringClaim("sid");
            String grp = claims.getStringClaim("grp");
            if (exp == null || !clock.instant().isBefore(exp.toInstant())) {
                throw new InvalidTokenException("expired");
            }
            if (!config.issuer().equals(claims.getIssuer()) || claims.getSubject() == null || sid == null
                    || grp == null) {
                throw new InvalidTokenException("missing claims");
            }
            return new AccessToken(claims.getSubject(), sid, grp, exp.toInstant());
        } catch (ParseException | JOSEException e) {
            throw new InvalidTokenException("malformed");
        }
    }
}
