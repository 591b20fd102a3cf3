package io.dx0.session.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.LoginSettings;
import io.dx0.session.login.LoginMetrics.LoginScope;
import io.dx0.session.net.IpAddresses;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Brute-force defence, decided in the store before any password is checked, counting failures only
 * (a wrong password or an unknown user), never attempts. Two gates stand before each check:
 * <ul>
 * <li>the client address: locked for the rest of the window once {@code max-failures} failures from it
 * are in the window;</li>
 * <li>the account (case- and Unicode-normalised name, known or not) with a growing delay once
 * {@code account-max-failures} failures from anywhere are recorded; at a familiar place of the account
 * (an address, IPv6 /64, it logged in from successfully within {@code familiar-for}) that place's own
 * back-off instead; when the login presents a valid device token of that account, that device alone.
 * Either way an attacker elsewhere cannot keep the owner out.</li>
 * </ul>
 * A login with a valid device token of its account passes only its device gate: the address's lockout
 * is for clients that never proved that account (OWASP device cookies), so one ward's typos behind a
 * shared NAT do not lock out the clinicians whose browsers have logged in before. Spraying from that
 * address stays locked: a device token opens its own account only, and still needs the password.
 * Each gate also lets only a few attempts be checked at once ({@code max-in-flight-per-*}, on all
 * replicas together); more wait for a place, so concurrent right logins all get through while
 * concurrent wrong ones can never overshoot a lockout by more than that. A success forgets the
 * failures of that account at that address (not the others'), and the account's or device's own.
 */
@ApplicationScoped
public class LoginGuard {

    /**
     * How often the first login in a line asks the store again without being woken: the wake-up comes
     * from logins of this replica, so this is how soon a place freed on another replica is seen.
     */
    private static final long POLL_MILLIS = 50;

    private final LoginGates loginGates;
    private final FamiliarPlaces places;
    private final LoginSettings config;
    private final LoginMetrics metrics;
    private final Clock clock;
    private final LoginRules rules;
    private final GateQueue queue;
    private final SecureRandom random = new SecureRandom();
    private final PasswordVerifier passwords;

    LoginGuard(LoginGates loginGates, FamiliarPlaces places, LoginSettings config, LoginMetrics metrics, Clock clock,
            PasswordVerifier passwords) {
        this.loginGates = loginGates;
        this.places = places;
        this.passwords = passwords;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.rules = LoginRules.of(this.config);
        this.queue = new GateQueue(clock, POLL_MILLIS);
    }

    /**
     * One gate a login passes: its key in the store, its rule, the scope a lockout there is counted and
     * answered under, and whether a failure there is tagged with the account (the address gate: a success
     * forgets that account's failures at that address only).
     */
    private record Gate(String key, GateRule rule, LoginScope scope, boolean tagsAccount) {
    }

    /** One login: the gates it must pass, in the order they are asked, and the place it comes from. */
    private record Attempt(String account, List<Gate> gates, String id, String place, CheckTurn turn) {
    }

    /** One turn at the gates: the result of the check when admitted, else the busy gate. */
    private record Turn(Checked checked, Gate busyAt) {
    }

    /**
     * A password checked: whether it was right, and its gates being settled with that (places given back, a
     * failure recorded, a success forgetting them; a right one's place remembered as familiar). The settling
     * runs to its end whether or not anyone waits for it; a wrong password's answer waits for it (the next
     * attempt must meet the failure), a right one's goes out together with the session being written.
     */
    public record Checked(boolean valid, Uni<Void> settled) {
    }

    /**
     * Checks one login's password when the gates admit it: waits in line (up to {@code max-wait}) while a
     * gate is busy, runs {@code check} (given the end of the login's lease: a check not started by then
     * must not be made) and settles its gates with its result. Fails with {@link LoginLockedException}
     * when a gate is closed by failures, {@link LoginBusyException} when no place was found in time, or
     * at once when the logins already waiting at a gate would keep it waiting longer than that.
     * <p>
     * From the moment a place may be held until all are given back, the work does not stop when the
     * caller goes away (a closed tab, a client time-out): otherwise its places would stay taken until
     * their lease ends (seen: two of an address's four places held 8 s after wrk stopped, halving the
     * logins behind that address). Waiting in line holds nothing and is cancelled with the caller.
     */
    @WithSpan("login.gates")
    public Uni<Checked> check(String clientAddress, String username, LoginAdmission.Admitted admitted,
            LongFunction<Uni<Boolean>> check) {
        String account = GateKeys.account(username);
        String place = IpAddresses.lockoutUnit(clientAddress);
        List<Gate> gates = gates(account, place, clientAddress, admitted);
        Attempt attempt = new Attempt(account, gates, newAttemptId(), place, admitted.turn());
        long giveUpAt = clock.millis() + config.maxWait().toMillis();
        Gate line = gates.stream().filter(gate -> queue.isWaiting(gate.key())).findFirst().orElse(null);
        if (line == null) {
            return turn(attempt, check, giveUpAt, null);
        }
        Duration wait = placeWait(line, attempt.turn());
        if (wait.compareTo(config.maxWait()) > 0) { // waiting would not help: refused at once
            return Uni.createFrom().failure(new LoginBusyException(LoginBusyException.Where.GATE, wait));
        }
        return waitInLine(attempt, check, giveUpAt, line, false);
    }

    /**
     * How long a login joining the line of a busy gate now would wait for a place there: the logins ahead
     * of it take the gate's places in turns, each for about its wait for bcrypt and its check.
     */
    private Duration placeWait(Gate gate, CheckTurn turn) {
        long turnover = passwords.waitFor(turn).toNanos() + passwords.checkTime().toNanos();
        return Duration.ofNanos((queue.length(gate.key()) / gate.rule().maxInFlight() + 1) * turnover);
    }

    /**
     * A valid device token of this account: that device's own gate alone, not the address lockout. Else the
     * address's lockout, then the account's back-off, except at a place the account logged in from within
     * {@code familiar-for}: there that place's own back-off (Azure AD's smart lockout), so failures from
     * elsewhere cannot keep the owner out where the owner usually logs in.
     */
    private List<Gate> gates(String account, String place, String clientAddress, LoginAdmission.Admitted admitted) {
        if (admitted.deviceId() != null) {
            return List.of(new Gate("device:" + admitted.deviceId(), rules.account(), LoginScope.DEVICE, false));
        }
        Gate address = new Gate(GateKeys.address(clientAddress), rules.address(), LoginScope.IP, true);
        return List.of(address, admitted.familiar()
                ? new Gate(GateKeys.placeGate(account, place), rules.account(), LoginScope.ACCOUNT, false)
                : new Gate(account, rules.account(), LoginScope.ACCOUNT, false));
    }

    /** One turn, then the line of the busy gate if there was one ({@code waitedAt}: the line it just left). */
    private Uni<Checked> turn(Attempt attempt, LongFunction<Uni<Boolean>> check, long giveUpAt, Gate waitedAt) {
        return detached(admitAll(attempt).chain(busyAt -> busyAt != null
                ? Uni.createFrom().item(new Turn(null, busyAt))
                : checkAndSettle(attempt, check).map(checked -> new Turn(checked, null))))
                .chain(turn -> turn.busyAt() == null ? Uni.createFrom().item(turn.checked())
                        : waitInLine(attempt, check, giveUpAt, turn.busyAt(), turn.busyAt().equals(waitedAt)));
    }

    private Uni<Checked> checkAndSettle(Attempt attempt, LongFunction<Uni<Boolean>> check) {
        // more places may be free than this one: let the next in each line ask too
        attempt.gates().forEach(gate -> queue.wakeFirst(gate.key()));
        return check.apply(clock.millis() + config.attemptLease().toMillis())
                .onFailure().call(() -> settle(attempt, attempt.gates(), Settlement.WITHDRAWN))
                .map(valid -> {
                    Uni<Void> settling = Uni.join().all(settle(attempt, attempt.gates(),
                            valid ? Settlement.SUCCEEDED : Settlement.FAILED),
                            valid ? places.remember(attempt.account(), attempt.place())
                                    : Uni.createFrom().voidItem())
                            .andCollectFailures().replaceWithVoid().memoize().indefinitely();
                    settling.subscribe().with(done -> {}, failure -> {}); // runs whoever waits for it
                    return new Checked(valid, settling);
                });
    }

    private Uni<Checked> waitInLine(Attempt attempt, LongFunction<Uni<Boolean>> check, long giveUpAt, Gate line,
            boolean atFront) {
        if (clock.millis() >= giveUpAt) {
            return Uni.createFrom().failure(new LoginBusyException(LoginBusyException.Where.GATE,
                    placeWait(line, attempt.turn())));
        }
        return queue.await(line.key(), atFront, giveUpAt).chain(() -> turn(attempt, check, giveUpAt, line));
    }

    /** {@code work} runs to its end once subscribed, whether or not the subscriber stays. */
    private static <T> Uni<T> detached(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }

    /** What one gate said to an attempt, or how asking it failed. */
    private record Asked(Gate gate, GateDecision decision, Throwable failure) {

        boolean is(GateDecision.Status status) {
            return decision != null && decision.status() == status;
        }
    }

    /**
     * Asks every gate at once (one round trip): null when all admitted it, else the first gate that was busy
     * or fails it as locked (or with the store's failure); the places taken at the others are given back
     * then, so nothing is held.
     */
    private Uni<Gate> admitAll(Attempt attempt) {
        return Uni.join().all(attempt.gates().stream().map(gate -> loginGates.admit(gate.key(), gate.rule(), attempt.id())
                .onItemOrFailure().transform((decision, failure) -> new Asked(gate, decision, failure))).toList())
                .andFailFast().chain(asked -> {
                    Optional<Asked> refusing = asked.stream().filter(a -> a.failure() != null).findFirst()
                            .or(() -> asked.stream().filter(a -> a.is(GateDecision.Status.LOCKED)).findFirst())
                            .or(() -> asked.stream().filter(a -> a.is(GateDecision.Status.BUSY)).findFirst());
                    if (refusing.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    Uni<Void> giveBack = settle(attempt, asked.stream().filter(a -> a.is(GateDecision.Status.ADMITTED))
                            .map(Asked::gate).toList(), Settlement.WITHDRAWN);
                    Asked refused = refusing.get();
                    if (refused.failure() != null) {
                        return giveBack.onFailure().recoverWithNull().chain(() -> Uni.createFrom().failure(refused.failure()));
                    }
                    if (refused.is(GateDecision.Status.BUSY)) {
                        return giveBack.replaceWith(refused.gate());
                    }
                    metrics.lockout(refused.gate().scope());
                    // whoever waits in this gate's line is refused too: let the next ask now, not at its poll
                    queue.wakeFirst(refused.gate().key());
                    return giveBack.chain(() -> Uni.createFrom().failure(
                            new LoginLockedException(refused.gate().scope(), refused.decision().retryAfterMillis())));
                });
    }

    /**
     * Gives the places at {@code gates} back and wakes the first login of this replica waiting at each. A
     * failure is recorded at each gate (tagged with the account at the address); a success forgets that
     * account's failures at that address and every failure of its account or device gate.
     */
    private Uni<Void> settle(Attempt attempt, List<Gate> gates, Settlement outcome) {
        if (gates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.combine().all().unis(gates.stream()
                .map(gate -> loginGates.settle(gate.key(), gate.rule(), attempt.id(), outcome,
                        gate.tagsAccount() ? attempt.account() : null).invoke(() -> queue.wakeFirst(gate.key())))
                .toList()).discardItems();
    }

    private String newAttemptId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
