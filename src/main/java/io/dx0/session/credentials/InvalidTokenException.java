package io.dx0.session.credentials;

/** A token that is malformed, forged, expired or names no live session. Answered with 401. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String reason) {
        super(reason);
    }
}
