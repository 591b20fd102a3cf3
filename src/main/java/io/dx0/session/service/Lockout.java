package io.dx0.session.service;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A login gate closed now: an address locked out (its IPv4 address or IPv6 /64) or an account in its
 * back-off; the failures that closed it, how many close it, and when it opens by itself.
 */
public record Lockout(Scope scope, String subject, int failures, int threshold, Instant until) {

    public enum Scope {
        ADDRESS, ACCOUNT;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
