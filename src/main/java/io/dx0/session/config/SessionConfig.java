package io.dx0.session.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The top-level {@code session.*} keys, validated at start-up; each group of keys ({@code session.login.*},
 * {@code session.ws.*}, ...) is its own mapping beside the classes that read it.
 */
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
}
