package io.dx0.session.chat;

import io.dx0.session.session.Budget;

/** The answer of one atomic charge-if-fits. {@code budget} is null only for {@code NO_SESSION}. */
public record ChargeOutcome(Status status, Budget budget) {

    public enum Status {
        /** The amount fitted and was added to the spent amount. */
        CHARGED,
        /** A charge with the same idempotency key was already applied; nothing changed. */
        DUPLICATE,
        /** The amount did not fit; nothing changed. */
        EXCEEDED,
        NO_SESSION
    }

    public static final ChargeOutcome NO_SESSION = new ChargeOutcome(Status.NO_SESSION, null);
}
