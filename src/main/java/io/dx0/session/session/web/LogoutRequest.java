package io.dx0.session.session.web;

import jakarta.validation.constraints.Size;

/** Either this body's refresh token or the Bearer header names the session to end. */
public record LogoutRequest(@Size(max = 256) String refreshToken) {

    @Override
    public String toString() {
        return "LogoutRequest[***]";
    }
}
