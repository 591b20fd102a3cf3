package io.dx0.session.rest;

import io.dx0.session.session.TokenPair;

public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static TokenResponse of(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "bearer", pair.expiresInSeconds());
    }
}
