package io.dx0.session.session;

/** What a login or a refresh hands out; a login also a device token (null for a refresh). */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds, String deviceToken) {

    public TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {
        this(accessToken, refreshToken, expiresInSeconds, null);
    }

    TokenPair withDeviceToken(String token) {
        return new TokenPair(accessToken, refreshToken, expiresInSeconds, token);
    }

    @Override
    public String toString() {
        return "TokenPair[expiresIn=" + expiresInSeconds + "]";
    }
}
