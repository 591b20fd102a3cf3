package io.dx0.session.credentials;

import java.time.Instant;

/** The verified claims of an access token. */
public record AccessToken(String username, String sessionId, String group, Instant expiresAt) {
}
