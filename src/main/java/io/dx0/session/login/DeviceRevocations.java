package io.dx0.session.login;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.credentials.DeviceTokens;
import io.smallrye.mutiny.Uni;

/**
 * When an account's device tokens were last revoked: a token issued until then is no device of the
 * account. Kept as a dated mark under the account's key, for as long as a token issued just before lives.
 */
@ApplicationScoped
public class DeviceRevocations {

    private final DatedMarks marks;
    private final DeviceTokens devices;
    private final Clock clock;

    DeviceRevocations(DatedMarks marks, DeviceTokens devices, Clock clock) {
        this.marks = marks;
        this.devices = devices;
        this.clock = clock;
    }

    /** Every device token of {@code account} issued until now stops counting. */
    public Uni<Void> revokeAll(String account) {
        return marks.mark(account, clock.millis(), devices.ttl());
    }

    /** Whether a token of {@code account} issued at {@code issuedAt} was revoked since. */
    public Uni<Boolean> revoked(String account, Instant issuedAt) {
        return marks.markedAt(account).map(revokedAt -> issuedAt.toEpochMilli() <= revokedAt);
    }
}
