package io.dx0.session.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record LoginRequest(
        @NotBlank @Size(max = 256) String username,
        @NotNull @Size(min = 1, max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
