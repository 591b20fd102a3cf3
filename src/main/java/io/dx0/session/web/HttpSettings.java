package io.dx0.session.web;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HTTP requests: {@code session.http.*}. */
@ConfigMapping(prefix = "session.http")
public interface HttpSettings {
    /**
     * The longest a client may take to send a request body under {@code /api/v1}, counted from its
     * headers; past it the request is answered 408 and its connection closed. A body is read in full
     * before the request takes an admission permit, a worker or a store round trip.
     */
    @WithDefault("10s")
    Duration bodyTimeout();
}
