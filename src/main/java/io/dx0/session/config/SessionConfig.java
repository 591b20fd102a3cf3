package io.dx0.session.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every {@code session.*} key; validated at start-up. */
@ConfigMapping(prefix = "session")
public interface SessionConfig {

    /** Storage backend picked at runtime: redis, postgres, sqlite or memory (see {@code SessionStoreProducer}). */
    @WithDefault("redis")
    @NotBlank
    String backend();

    /** {@code memory}: when the chosen backend is unreachable at start-up, run on memory (WARN, readiness says so). */
    @WithDefault("none")
    @Pattern(regexp = "none|memory", message = "must be none or memory")
    String fallback();

    /** Sliding idle TTL. */
    @WithDefault("1h")
    Duration idleTimeout();

    /** Absolute cap on a session's life, whatever its use. */
    @WithDefault("12h")
    Duration maxLifetime();

    /**
     * A refresh token rotated out less than this long ago, presented again (a second tab, a retry whose
     * answer was lost), gets a new pair instead of ending the session; the pair handed out in between
     * stops working. Later, reuse ends the session. {@code 0s} turns the leeway off.
     */
    @WithDefault("10s")
    Duration refreshReuseLeeway();

    /** Live sessions one user may hold; a login past it ends that user's oldest session. */
    @WithDefault("10")
    @Min(1)
    int maxSessionsPerUser();

    /**
     * How long one call to the PostgreSQL store may take, waiting for a pooled connection included;
     * past it the call is answered as the store being unavailable (503, or an {@code unavailable}
     * frame). Redis calls are bounded by {@code quarkus.redis.timeout}.
     */
    @WithDefault("2s")
    Duration storeTimeout();

    /** How often backends without their own expiry (memory, SQL) purge expired entries. */
    @WithDefault("60s")
    Duration purgeInterval();

    /** Path of a Dx0 {@code users.yml}; the bundled demo file when absent. */
    Optional<String> usersFile();

    /**
     * The lowest bcrypt cost production accepts in the users file (OWASP's floor is 10): a start with a
     * weaker hash stops, naming its users. A cost-4 hash answers a wrong password in ~15 ms against
     * ~100 ms at 10, which also tells those users apart by timing. Dev and test only warn.
     */
    @WithDefault("10")
    @Min(4)
    int usersMinBcryptCost();

    Login login();

    Memory memory();

    Budget budget();

    Sqlite sqlite();

    Redis redis();

    Jwt jwt();

    SecurityLog securityLog();

    Demo demo();

    Overload overload();

    Http http();

    /**
     * Admission control per path of work (chat, rest, upgrade): the adaptive limit of work in progress
     * on one replica stays between {@code min-limit} and {@code max-limit}, starting at
     * {@code initial-limit}; past it work waits in line when the work ahead of it will be served within
     * {@code max-queue-delay} at the line's recent pace, and is refused at once when it would not. Unset
     * values scale with the cores.
     */
    interface Overload {
        /**
         * How much bcrypt work a login may find queued ahead of it, as waiting time at the recent check
         * time: within it the login waits its turn (the turns go round the client addresses that want
         * one), past it the login is answered 503 with the time that work needs as {@code Retry-After}.
         */
        @WithDefault("2s")
        Duration loginQueue();

        /**
         * How long after a line's first piece of work it may be {@code cold-queue-delay} long instead of
         * {@code max-queue-delay}: while the JIT compiles the path, a new replica serves a fraction of its
         * warm pace (ADR 0026).
         */
        @WithDefault("20s")
        Duration coldFor();

        Limit chat();

        Limit rest();

        Limit upgrade();

        interface Limit {
            Optional<@Min(1) Integer> initialLimit();

            /** Default: a few per core (chat 8, rest 8, upgrade 2). */
            Optional<@Min(1) Integer> minLimit();

            Optional<@Min(1) Integer> maxLimit();

            /** The longest work waits in line for a place (default: chat and rest 50ms, upgrade 5s). */
            Optional<Duration> maxQueueDelay();

            /** The same during {@code cold-for} (default: chat and rest three times {@code max-queue-delay}, upgrade the same; never shorter). */
            Optional<Duration> coldQueueDelay();
        }
    }

    interface Http {
        /**
         * The longest a client may take to send a request body under {@code /api/v1}, counted from its
         * headers; past it the request is answered 408 and its connection closed. A body is read in full
         * before the request takes an admission permit, a worker or a store round trip.
         */
        @WithDefault("10s")
        Duration bodyTimeout();
    }

    interface Login {
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

    interface Memory {
        @WithDefault("100000")
        @Min(1)
        int maxSessions();
    }

    interface Sqlite {
        /** The database file; its directory is created if missing. */
        @WithDefault("data/sessions.db")
        String path();
    }

    interface Budget {
        /** Spend limit of a new session; unlimited when absent. */
        Optional<@PositiveOrZero BigDecimal> defaultLimit();

        /** Per-group overrides of {@link #defaultLimit()}: {@code session.budget.group-limits.admin=1000}. */
        @WithName("group-limits")
        Map<String, @PositiveOrZero BigDecimal> groupLimits();
    }

    interface Jwt {
        /** HS256 shared secret, at least 32 bytes. Dev and test generate one when it is absent. */
        Optional<String> secret();

        /** PKCS#8 PEM RSA private key: sign RS256 instead, and publish the public key at /.well-known/jwks.json. */
        Optional<String> privateKeyFile();

        @WithDefault("dx0-session-service")
        String issuer();

        @WithDefault("15m")
        Duration accessTokenTtl();
    }

    interface SecurityLog {
        /**
         * A refusal repeated for the same event, account and address within this long after its first
         * line is counted, not written: one more line at the end says how many there were. A client that
         * polls a lockout cannot fill the log.
         */
        @WithDefault("60s")
        Duration repeatWindow();

        /**
         * How long every line written is also kept in the store, where admins read it across replicas
         * ({@code GET /api/v1/admin/events}); {@code 0s} keeps none.
         */
        @WithDefault("7d")
        Duration keptFor();

        /** At most this many events about accounts, sessions and admins are kept; the oldest go first. */
        @WithDefault("100000")
        @Min(1)
        int keptMax();

        /**
         * At most this many refusals of clients that proved nothing (a locked address, a token naming no
         * session, an unknown user name) are kept, apart from the others; the oldest go first.
         */
        @WithDefault("20000")
        @Min(1)
        int noiseKeptMax();
    }

    interface Demo {
        /** YAML with the demo case and test catalogue; the bundled one when absent. */
        Optional<String> file();
    }

    interface Redis {
        /** Prefix of every key the service writes, so several deployments can share one Redis. */
        @WithDefault("dx0")
        String keyPrefix();
    }
}
