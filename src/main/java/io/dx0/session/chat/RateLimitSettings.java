package io.dx0.session.chat;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The chat quota's {@code session.rate-limit.*} settings: messages per session per window. */
@ConfigMapping(prefix = "session.rate-limit")
public interface RateLimitSettings {
    @WithDefault("30")
    @Min(1)
    int messages();

    @WithDefault("60s")
    Duration window();
}
