package io.dx0.session.auth;

/** A password check whose turn came after the deadline it was given: not made. */
public class TooLateToCheckException extends RuntimeException {

    public TooLateToCheckException() {
        super("password check not started before its deadline", null, false, false);
    }
}
