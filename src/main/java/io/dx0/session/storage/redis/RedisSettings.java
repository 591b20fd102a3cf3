package io.dx0.session.storage.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Redis backend's own settings (the client's are {@code quarkus.redis.*}): {@code session.redis.*}. */
@ConfigMapping(prefix = "session.redis")
public interface RedisSettings {
    /** Prefix of every key the service writes, so several deployments can share one Redis. */
    @WithDefault("dx0")
    String keyPrefix();
}
