package io.dx0.session.login;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.credentials.DeviceTokens;
import io.dx0.session.credentials.DeviceTokens.Device;
import io.dx0.session.net.IpAddresses;
import io.smallrye.mutiny.Uni;

/**
 * The one place that decides whether a login may wait for its password check or is refused for
 * capacity, and in which line it waits: an owner of the account (a valid, unrevoked device token of it,
 * or a login from a place the account logged in from within {@code familiar-for}) among owners only,
 * ahead of everyone else; anyone else behind them; in both, turns shared by address block
 * ({@link CheckTurn}). A login is refused
 * with {@link CheckRefusedException} when the checks its line would have to wait for take longer than
 * {@code session.overload.login-queue}.
 * <p>
 * A login with no device token is judged among the rest first, before the store is asked anything, so a
 * flood refused there costs no store round trip; only when that would refuse it is the store asked
 * whether its place is familiar, at most {@link #MAX_PROBES} such questions at once (past them the login
 * is refused as it stands), so a flood cannot queue store work that everyone else's calls then wait for.
 */
@ApplicationScoped
public class LoginAdmission {

    /** Familiar-place questions for logins the rest's line would refuse, in flight at once on this replica. */
    static final int MAX_PROBES = 32;

    private final PasswordVerifier passwords;
    private final DeviceTokens devices;
    private final FamiliarPlaces places;
    private final DeviceRevocations revocations;
    private final AtomicInteger probes = new AtomicInteger();

    LoginAdmission(PasswordVerifier passwords, DeviceTokens devices, FamiliarPlaces places,
            DeviceRevocations revocations) {
        this.passwords = passwords;
        this.devices = devices;
        this.places = places;
        this.revocations = revocations;
    }

    /**
     * A login let in to wait: the device it proved (null when none), whether it comes from a familiar place
     * of the account, and its line for the password check.
     */
    public record Admitted(String deviceId, boolean familiar, CheckTurn turn) {
    }

    public Uni<Admitted> admit(String account, String deviceToken, String clientAddress) {
        String place = IpAddresses.lockoutUnit(clientAddress);
        CheckTurn rest = CheckTurn.from(clientAddress);
        Optional<Device> device = devices.read(deviceToken, account);
        if (device.isPresent()) {
            // an owner by its token unless revoked: both questions go out together
            return refusedAt(CheckTurn.owner(account, clientAddress)).orElseGet(() -> Uni.combine().all()
                    .unis(revocations.revoked(account, device.get().issuedAt()), places.isFamiliar(account, place))
                    .with((revoked, familiar) -> revoked ? placed(account, clientAddress, familiar, rest)
                            : new Admitted(device.get().id(), familiar, CheckTurn.owner(account, clientAddress)))
                    .chain(this::orRefused));
        }
        Optional<Duration> refused = wait(rest);
        if (refused.isEmpty()) {
            return places.isFamiliar(account, place).map(familiar -> placed(account, clientAddress, familiar, rest))
                    .chain(this::orRefused);
        }
        if (probes.incrementAndGet() > MAX_PROBES) {
            probes.decrementAndGet();
            return Uni.createFrom().failure(new CheckRefusedException(refused.get()));
        }
        return places.isFamiliar(account, place).eventually(probes::decrementAndGet)
                .chain(familiar -> familiar ? orRefused(placed(account, clientAddress, true, rest))
                        : Uni.createFrom().failure(new CheckRefusedException(refused.get())));
    }

    /** No device: an owner at a familiar place, else one of the rest. */
    private static Admitted placed(String account, String clientAddress, boolean familiar, CheckTurn rest) {
        return new Admitted(null, familiar, familiar ? CheckTurn.owner(account, clientAddress) : rest);
    }

    private Uni<Admitted> orRefused(Admitted admitted) {
        return refusedAt(admitted.turn()).orElseGet(() -> Uni.createFrom().item(admitted));
    }

    private Optional<Uni<Admitted>> refusedAt(CheckTurn turn) {
        return wait(turn).map(wait -> Uni.createFrom().failure(new CheckRefusedException(wait)));
    }

    /** The wait at {@code turn} when it is longer than a login may wait; empty when it may wait. */
    private Optional<Duration> wait(CheckTurn turn) {
        Duration wait = passwords.waitFor(turn);
        return wait.compareTo(passwords.maxWait()) > 0 ? Optional.of(wait) : Optional.empty();
    }
}
