package io.dx0.session.session;

/** What a login or a refresh hands out. */
public record TokenPair(String accessToken, String refreshToken, long expiresInSeconds) {

    @Override
    public String toString() {
        return "TokenPair[expiresIn=" + expiresInSeconds + "]";
    }
}
