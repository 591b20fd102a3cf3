package io.dx0.session.audit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The security event log's {@code session.security-log.*} settings. */
@ConfigMapping(prefix = "session.security-log")
public interface SecurityLogSettings {
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
