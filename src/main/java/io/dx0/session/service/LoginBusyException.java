package io.dx0.session.service;

/**
 * A login that found no place to be checked in time (its address or account had the most logins being
 * checked at once for longer than {@code session.login.max-wait}, or the checking pool was too far
 * behind): the service is saturated, not the client wrong. Answered 503 with {@code Retry-After}.
 */
public class LoginBusyException extends RuntimeException {

    public LoginBusyException() {
        super("Login not checked: service saturated", null, false, false);
    }
}
