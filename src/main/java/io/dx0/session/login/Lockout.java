package io.dx0.session.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import io.dx0.session.net.IpAddresses;

/**
 * A login gate closed now: an address locked out (its IPv4 address or IPv6 /64), an account in its
 * back-off, or an account in back-off at one of its familiar places ({@code place}); the failures that
 * closed it, how many close it, when it opens by itself, and the admin call that opens it now.
 */
public record Lockout(Scope scope, String subject, @JsonInclude(JsonInclude.Include.NON_NULL) String place,
        int failures, int threshold, Instant until) {

    public enum Scope {
        ADDRESS, ACCOUNT, PLACE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The path of the {@code DELETE} that ends it: an address's own, else the account's (which also ends its
     * back-off at every place). An IPv6 /64 is named by its first address, which the call reads as that /64.
     */
    @JsonProperty("unlock")
    public String unlock() {
        return scope == Scope.ADDRESS ? "/api/v1/admin/lockouts/" + segment(IpAddresses.withoutPrefix(subject))
                : "/api/v1/admin/users/" + segment(subject) + "/lockout";
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
