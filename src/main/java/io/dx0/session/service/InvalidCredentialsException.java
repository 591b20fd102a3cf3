package io.dx0.session.service;

/** Unknown user or wrong password: deliberately one exception, one answer. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("Invalid username or password", null, false, false);
    }
}
