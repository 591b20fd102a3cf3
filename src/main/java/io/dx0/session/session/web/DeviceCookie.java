package io.dx0.session.session.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

import io.dx0.session.credentials.Sha256;
import io.dx0.session.login.GateKeys;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * The device token of each account a browser has logged in to, kept as the OWASP device cookie: set
 * by a successful login, sent back only to {@code POST /login} ({@code Path}), never to another site
 * ({@code SameSite=Strict}), never readable by the page's scripts ({@code HttpOnly}). A browser thus
 * stays a known device of that account across tabs and restarts, so a shared address locked out by
 * other people's typos does not keep its clinicians out, without any token in the page's storage.
 * One cookie per account (a shared workstation serves several clinicians), named by a hash of the
 * account so the name carries no user name. A {@code device_token} in the body, as API clients send
 * it, is taken first.
 */
public final class DeviceCookie {

    static final String PATH = "/api/v1/login";
    private static final String PREFIX = "dx0_device_";

    private DeviceCookie() {
    }

    /** The cookie's name for the account {@code username} logs in to (the same account key as the gates). */
    public static String name(String username) {
        byte[] digest = Sha256.digest(GateKeys.account(username));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    /** The device token the browser holds for this account; null when it holds none. */
    static String from(HttpServerRequest request, String username) {
        Cookie cookie = request.getCookie(name(username));
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    static NewCookie of(String username, String deviceToken, Duration ttl) {
        return new NewCookie.Builder(name(username))
                .value(deviceToken)
                .path(PATH)
                .maxAge((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds()))
                .secure(true)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
