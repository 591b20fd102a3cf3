package io.dx0.session.session;

/** Unknown user or wrong password: deliberately one exception, one answer. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("Invalid username or password", null, false, false);
    }
}
