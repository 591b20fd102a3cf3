package io.dx0.session.credentials;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.dx0.session.config.LoginSettings;

/**
 * OWASP's device cookies: a successful login hands the client a token naming the account it proved,
 * and a later login of that account presenting it is judged by that device's own failures, not by the
 * account-wide throttle an attacker elsewhere may have set off. A JWT signed with the access-token key,
 * {@code typ} {@value #TYPE} (an access token is never one, nor the reverse: it has no {@code sid}),
 * {@code sub} the account as counted ({@code login.GateKeys.account}), {@code jti} the device.
 */
@ApplicationScoped
public class DeviceTokens {

    static final String TYPE = "dx0-device";

    private final SigningKey key;
    private final JwtSettings jwt;
    private final LoginSettings login;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DeviceTokens(AccessTokens accessTokens, JwtSettings jwt, LoginSettings login, Clock clock) {
        this.key = accessTokens.signingKey();
        this.jwt = jwt;
        this.login = login;
        this.clock = clock;
    }

    /** A device token checked for signature, type, issuer, expiry and account; not yet for revocation. */
    public record Device(String id, Instant issuedAt) {
    }

    public String issue(String account) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(jwt.issuer())
                .subject(account)
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                .claim("typ", TYPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(login.deviceTokenTtl())))
                .build();
        return key.sign(claims);
    }

    /** The device of {@code token} when it is one of ours, unexpired and issued for {@code account}. */
    public Optional<Device> read(String token, String account) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT parsed = SignedJWT.parse(token);
            if (!key.signed(parsed)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = parsed.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            boolean valid = TYPE.equals(claims.getStringClaim("typ")) && jwt.issuer().equals(claims.getIssuer())
                    && account.equals(claims.getSubject()) && claims.getJWTID() != null && exp != null && iat != null
                    && clock.instant().isBefore(exp.toInstant());
            return valid ? Optional.of(new Device(claims.getJWTID(), iat.toInstant())) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How long a revocation must be remembered: as long as a token issued just before it lives. */
    public Duration ttl() {
        return login.deviceTokenTtl();
    }
}
