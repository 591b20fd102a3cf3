package io.dx0.session.overload;

/** The paths on which work can queue, each with its own admission limit (label {@code path} in metrics). */
public enum WorkPath {
    /** A chat message, from its arrival to its last frame. */
    CHAT(16, 256),
    /**
     * A login, from its arrival to its answer (gates and bcrypt included). Its limit is derived from the
     * measured bcrypt time ({@code session.overload.login-queue}), not from these.
     */
    LOGIN(2, 8),
    /** Any other REST call under {@code /api/v1}. */
    REST(32, 512),
    /** A WebSocket upgrade (token check and session lookup). */
    UPGRADE(8, 64);

    private final int initialPerCore;
    private final int maxPerCore;

    WorkPath(int initialPerCore, int maxPerCore) {
        this.initialPerCore = initialPerCore;
        this.maxPerCore = maxPerCore;
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
