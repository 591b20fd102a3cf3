package io.dx0.session.chat.socket;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The chat socket's {@code session.ws.*} settings; validated at start-up. */
@ConfigMapping(prefix = "session.ws")
public interface SocketSettings {
    /**
     * The service's own origin as browsers see it ({@code https://dx0.example}), where its console is
     * served: browser pages of this origin may open sockets. In production the only way the console's
     * origin is known; nothing is judged from the {@code Host} header there.
     */
    Optional<String> ownOrigin();

    /** Other origins whose pages may open sockets; any other browser {@code Origin} is refused with 403. */
    Optional<List<String>> allowedOrigins();

    /**
     * Dev and test only: an {@code Origin} naming the request's own host and port counts as the service's
     * own, so the console works on any local port without configuration. Off in production, where a proxy
     * may pass any {@code Host}.
     */
    @WithDefault("false")
    boolean sameOriginByHost();

    /** Larger frames close the socket with 1009 (enforced through quarkus.websockets-next.server.max-message-size). */
    @WithDefault("16384")
    @Min(64)
    int maxMessageBytes();

    /** Open sockets per session on one replica; one more upgrade is refused with 429. */
    @WithDefault("5")
    @Min(1)
    int maxConnectionsPerSession();

    /**
     * Messages of one socket in progress at once; one more gets a {@code busy} frame at once (the Dx0
     * protocol is request/answer, and replies of two messages would interleave).
     */
    @WithDefault("1")
    @Min(1)
    int maxMessagesInProgress();

    /**
     * The longest one outbound frame may wait to be written: a client that stops reading fills its
     * TCP buffers, and then the socket is closed (1008 {@code not reading}) instead of holding its
     * message's place and its frames in memory.
     */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Close with 1013 after the rate_limited frame (Dx0 behaviour); false keeps the socket open. */
    @WithDefault("true")
    boolean closeOnRateLimit();

    /**
     * Frames one socket may send in any rate-limit window that the service answers without doing a
     * message's work: invalid frames, pings and pongs, and messages sent while the socket's own are still
     * in progress. They are not counted against the rate limit; the next one closes the socket with 1008
     * ({@code too many invalid messages}, or {@code too many frames}), so a client cannot make the service
     * parse and answer junk without end.
     */
    @WithDefault("10")
    @Min(1)
    int maxInvalidFrames();

    /**
     * Bytes written to one socket that its client has not taken yet (replies, refusals, pongs), beyond
     * what the kernel's socket buffer holds; past it the client is not reading and the connection is
     * closed at once, freeing them.
     */
    @WithDefault("262144")
    @Min(16384)
    int maxUnsentBytes();
}
