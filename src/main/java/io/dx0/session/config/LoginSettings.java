package io.dx0.session.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login protection and the client's address: {@code session.login.*}. */
@ConfigMapping(prefix = "session.login")
public interface LoginSettings {
    /** Failed logins (wrong password or unknown user) per client address in {@link #window()} before a 429 lockout. */
    @WithDefault("5")
    @Min(1)
    int maxFailures();

    @WithDefault("5m")
    Duration window();

    /**
     * Logins of one client address being checked at once, on all replicas together; more wait for
     * a place. So at most {@code max-failures + max-in-flight-per-address − 1} wrong passwords from
     * one address are ever checked per window, however many arrive at once.
     */
    @WithDefault("4")
    @Min(1)
    int maxInFlightPerAddress();

    /** CIDR blocks of proxies whose client-IP header is believed. */
    Optional<List<String>> trustedProxies();

    /**
     * The one header the trusted proxies set: {@code x-forwarded-for} or {@code forwarded} (RFC 7239).
     * The other is ignored, so a client cannot pass its own past a proxy that only appends to one.
     */
    @WithDefault("x-forwarded-for")
    @Pattern(regexp = "(?i)x-forwarded-for|forwarded", message = "must be x-forwarded-for or forwarded")
    String clientIpHeader();

    /** Per-account throttling: failures of one account, from anywhere, before its back-off begins. */
    @WithDefault("5")
    @Min(1)
    int accountMaxFailures();

    /** Per-account throttling: the delay after the failure that starts the back-off, doubled after each further one. */
    @WithDefault("1s")
    Duration accountDelay();

    /** Per-account throttling: the ceiling of that delay, so nobody can keep a user out for long. */
    @WithDefault("15m")
    Duration accountMaxDelay();

    /** Per-account throttling: failures older than this are forgotten. */
    @WithDefault("15m")
    Duration accountFailureReset();

    /** Logins of one account (or one device token) being checked at once; more wait for a place. */
    @WithDefault("4")
    @Min(1)
    int maxInFlightPerAccount();

    /** How long a login waits for such a place before it is answered 503 (service saturated). */
    @WithDefault("5s")
    Duration maxWait();

    /**
     * The longest an admitted login may take to be checked: its place is given back then even if the
     * replica checking it died, and a check not started by then is not made (503).
     */
    @WithDefault("30s")
    Duration attemptLease();

    /** Lifetime of the device token a successful login hands out (OWASP device cookies). */
    @WithDefault("90d")
    Duration deviceTokenTtl();

    /**
     * How long after a successful login its client address (IPv6: its /64) stays a familiar place of that
     * account: logins from there are throttled by that place's own failures, not by the account-wide
     * back-off an attacker elsewhere sets off (smart lockout).
     */
    @WithDefault("30d")
    Duration familiarFor();
}
