package io.dx0.session.overload;

import java.time.Duration;

/** The paths on which work can queue, each with its own admission limit (label {@code path} in metrics). */
public enum WorkPath {
    /** A chat message, from its arrival to its last frame. */
    CHAT(8, 16, 256, Duration.ofMillis(50), 3),
    /** Any REST call under {@code /api/v1} but login (logins have their own fair line before bcrypt). */
    REST(8, 32, 512, Duration.ofMillis(50), 3),
    /**
     * A WebSocket upgrade (token check and session lookup). Its line is longer: a replica's sockets all
     * come back at once after a rolling restart, to a replica whose JIT is still cold (figures: ADR 0019).
     */
    UPGRADE(2, 8, 64, Duration.ofSeconds(5), 1);

    private final int minPerCore;
    private final int initialPerCore;
    private final int maxPerCore;
    private final Duration maxQueueDelay;
    private final int coldFactor;

    /**
     * The floor matters: Gradient2 reads any rise of latency as queueing and lowers the limit, and on
     * a CPU shared with other work (a load generator, a noisy neighbour) latency rises without any
     * queue here, so with too low a floor the limit collapses under a load generator on the same cores
     * (figures: ADR 0019). A floor of a few per core still keeps a burst from queueing more than a few
     * milliseconds of work.
     */
    WorkPath(int minPerCore, int initialPerCore, int maxPerCore, Duration maxQueueDelay, int coldFactor) {
        this.minPerCore = minPerCore;
        this.initialPerCore = initialPerCore;
        this.maxPerCore = maxPerCore;
        this.maxQueueDelay = maxQueueDelay;
        this.coldFactor = coldFactor;
    }

    /** Default longest wait in line, when {@code max-queue-delay} is not set. */
    Duration maxQueueDelay() {
        return maxQueueDelay;
    }

    /**
     * Default longest wait in line during a replica's cold start, when {@code cold-queue-delay} is not set:
     * {@code warm} three times over for chat and REST (150 ms held a closed loop of 200 sockets on a replica
     * serving 1,400 messages a second in its first second, ADR 0026); upgrades keep theirs, already long
     * for the reconnect storm a cold replica meets.
     */
    Duration coldQueueDelay(Duration warm) {
        return warm.multipliedBy(coldFactor);
    }

    /** Default floor per core, when {@code min-limit} is not set. */
    int minPerCore() {
        return minPerCore;
    }

    /** Default starting limit per core, when {@code initial-limit} is not set. */
    int initialPerCore() {
        return initialPerCore;
    }

    /** Default ceiling per core, when {@code max-limit} is not set. */
    int maxPerCore() {
        return maxPerCore;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
