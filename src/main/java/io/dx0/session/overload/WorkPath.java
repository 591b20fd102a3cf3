package io.dx0.session.overload;

/** The paths on which work can queue, each with its own admission limit (label {@code path} in metrics). */
public enum WorkPath {
    /** A chat message, from its arrival to its last frame. */
    CHAT(8, 16, 256),
    /**
     * A login, from its arrival to its answer (gates and bcrypt included). Its limit is derived from the
     * measured bcrypt time ({@code session.overload.login-queue}), not from these.
     */
    LOGIN(1, 2, 8),
    /** Any other REST call under {@code /api/v1}. */
    REST(8, 32, 512),
    /** A WebSocket upgrade (token check and session lookup). */
    UPGRADE(2, 8, 64);

    private final int minPerCore;
    private final int initialPerCore;
    private final int maxPerCore;

    /**
     * The floor matters: Gradient2 reads any rise of latency as queueing and lowers the limit, and on
     * a CPU shared with other work (a load generator, a noisy neighbour) latency rises without any
     * queue here. With a floor of one per core the chat limit fell to 2 under 3,000 closed-loop sockets
     * and carried 294 answers/s where the same service carries ~1,700 (docs/benchmarks/overload.md).
     * A floor of a few per core still keeps a burst from queueing more than a few milliseconds of work.
     */
    WorkPath(int minPerCore, int initialPerCore, int maxPerCore) {
        this.minPerCore = minPerCore;
        this.initialPerCore = initialPerCore;
        this.maxPerCore = maxPerCore;
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
