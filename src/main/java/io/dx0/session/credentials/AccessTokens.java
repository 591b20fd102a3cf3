package io.dx0.session.credentials;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.runtime.Startup;

/**
 * Signs and verifies access tokens: JWTs carrying {@code sub}, {@code sid}, {@code grp}, {@code iat},
 * {@code exp}, {@code iss}, signed with the configured {@link SigningKey} (HS256 shared secret by
 * default, what Dx0's Python side verifies; RS256 with a published JWKS as the option).
 */
@Startup
@ApplicationScoped
public class AccessTokens {

    /** Verified tokens kept: about 1 KiB each, so at most ~10 MiB of heap. */
    static final int VERIFIED_KEPT = 10_000;
    /**
     * How far ahead of this replica's clock a token may say it was issued: replicas' clocks differ by
     * seconds, never by more; a token dated later was not minted by any of them at that time.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final SigningKey key;
    private final JwtSettings config;
    private final Clock clock;
    /**
     * Tokens whose signature and claims were already checked, by their exact text. A client sends the
     * same token with every request for its whole lifetime, and parsing and verifying it again each
     * time was a measurable share of a {@code GET /session} (ADR 0019). Only tokens that passed {@link #check} get in,
     * and the expiry is checked again on every hit; a changed byte is a different key, checked in full.
     */
    private final Cache<String, AccessToken> verified;

    @Inject
    AccessTokens(JwtSettings config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.key = SigningKey.from(config);
        this.verified = Caffeine.newBuilder().maximumSize(VERIFIED_KEPT)
                .expireAfterWrite(config.accessTokenTtl()).build();
    }

    /** The key device tokens are signed with too. */
    SigningKey signingKey() {
        return key;
    }

    public long ttlSeconds() {
        return config.accessTokenTtl().toSeconds();
    }

    /** The public signing keys as a JWKS document (empty with a shared secret). */
    public Map<String, Object> jwks() {
        return key.jwks();
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
        return key.sign(claims);
    }

    /** Checks algorithm, signature, issuer, expiry and the claims this service needs. */
    public AccessToken verify(String token) {
        AccessToken known = verified.getIfPresent(token);
        if (known == null) {
            known = check(token);
            verified.put(token, known);
        } else if (!clock.instant().isBefore(known.expiresAt())) {
            verified.invalidate(token);
            throw new InvalidTokenException("expired");
        }
        return known;
    }

    private AccessToken check(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!key.signed(jwt)) {
                throw new InvalidTokenException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            String sid = claims.getStringClaim("sid");
            String grp = claims.getStringClaim("grp");
            if (exp == null || !clock.instant().isBefore(exp.toInstant())) {
                throw new InvalidTokenException("expired");
            }
            if (iat == null || iat.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
                throw new InvalidTokenException("issued in the future");
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
