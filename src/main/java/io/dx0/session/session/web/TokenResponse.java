package io.dx0.session.session.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.dx0.session.session.TokenPair;

/** {@code device_token} only on a login: present it in later logins of the same account (OWASP device cookie). */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String deviceToken) {

    static TokenResponse of(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "bearer", pair.expiresInSeconds(),
                pair.deviceToken());
    }
}
