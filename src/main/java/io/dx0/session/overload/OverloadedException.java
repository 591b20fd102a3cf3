package io.dx0.session.overload;

/** Work refused at once because its path is at its admission limit: 503 with {@code Retry-After}, or a {@code busy} frame. */
public class OverloadedException extends RuntimeException {

    private final WorkPath path;
    private final long retryAfterMillis;

    public OverloadedException(WorkPath path, long retryAfterMillis) {
        super("Service saturated: retry shortly", null, false, false);
        this.path = path;
        this.retryAfterMillis = retryAfterMillis;
    }

    public WorkPath path() {
        return path;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public long retryAfterSeconds() {
        return RetryAfter.seconds(retryAfterMillis);
    }
}
