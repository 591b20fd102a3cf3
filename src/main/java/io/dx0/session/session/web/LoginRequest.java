package io.dx0.session.session.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code device_token}: optional, from an earlier successful login of this account; an invalid one is ignored. */
public record LoginRequest(
        @NotBlank @Size(max = 256) String username,
        @NotNull @Size(min = 1, max = 1024) String password,
        @Size(max = 2048) String deviceToken) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
