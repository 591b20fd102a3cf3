package io.dx0.session.credentials;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opaque refresh tokens {@code <session id>.<secret>}: the id lets a rotation touch only that
 * session's keys; the secret is 256 random bits and is stored only as its SHA-256.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{22,64}\\.[A-Za-z0-9_-]{43}$");
    private final SecureRandom random = new SecureRandom();

    public record Parsed(String sessionId, String secretHash) {
    }

    /** A new random session id (128 bits, URL-safe). */
    public String newSessionId() {
        return randomToken(16);
    }

    /** A new secret for a session: the token to hand out, and the hash to store. */
    public Issued issue(String sessionId) {
        String secret = randomToken(32);
        return new Issued(sessionId + "." + secret, Sha256.hex(secret));
    }

    public record Issued(String token, String secretHash) {
    }

    public Optional<Parsed> parse(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        return Optional.of(new Parsed(token.substring(0, dot), Sha256.hex(token.substring(dot + 1))));
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
