package io.dx0.session.storage.memory;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The memory backend: {@code session.memory.*}. */
@ConfigMapping(prefix = "session.memory")
public interface MemorySettings {
    @WithDefault("100000")
    @Min(1)
    int maxSessions();
}
