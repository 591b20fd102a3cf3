package io.dx0.session.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.LoginSettings;
import io.dx0.session.net.IpAddresses;
import io.smallrye.mutiny.Uni;

/**
 * The login gates as operators see them: every gate closed now, read from the gates of all replicas, and
 * the unlocks that end an address's lockout or an account's back-off.
 */
@ApplicationScoped
public class LoginLockouts {

    /** The most of an account's closed familiar-place gates one unlock looks up. */
    private static final int PLACES_CLEARED = 1_000;

    private final LoginGates loginGates;
    private final LoginRules rules;
    private final Clock clock;

    LoginLockouts(LoginGates loginGates, LoginSettings config, Clock clock) {
        this.loginGates = loginGates;
        this.rules = LoginRules.of(config);
        this.clock = clock;
    }

    /** The gates closed now; {@code complete}: none was left out. */
    public record Lockouts(List<Lockout> lockouts, boolean complete) {
    }

    /**
     * Every gate closed now: addresses locked out, accounts in back-off, and accounts in back-off at one of
     * their familiar places, at most {@code max} of each kind (newest failure first); {@code complete} is
     * false when a kind had more.
     */
    public Uni<Lockouts> lockouts(int max) {
        return Uni.combine().all()
                .unis(closed(GateKeys.ADDRESS, rules.address(), max), closed(GateKeys.ACCOUNT, rules.account(), max),
                        closed(GateKeys.PLACE, rules.account(), max))
                .with(Lockouts.class, kinds -> new Lockouts(
                        kinds.stream().flatMap(kind -> kind.lockouts().stream())
                                .sorted(Comparator.comparing(Lockout::until).reversed()).toList(),
                        kinds.stream().allMatch(Lockouts::complete)));
    }

    private Uni<Lockouts> closed(String kind, GateRule rule, int max) {
        long now = clock.millis();
        return loginGates.failing(kind, rule.threshold(), rule.window(), max + 1).map(gates -> {
            List<Lockout> closed = new ArrayList<>();
            for (FailingGate gate : gates.subList(0, Math.min(max, gates.size()))) {
                long closedFor = gate.closedFor(rule);
                if (closedFor > 0) {
                    closed.add(GateKeys.lockout(gate.key(), gate.count(), rule.threshold(),
                            Instant.ofEpochMilli(now + closedFor)));
                }
            }
            return new Lockouts(closed, gates.size() <= max);
        });
    }

    /** Forgets the failures of a client address's lockout unit (its /64 for IPv6), ending its lockout. */
    public Uni<Void> clear(String clientAddress) {
        return loginGates.clearFailures(GateKeys.address(clientAddress));
    }

    /**
     * Forgets the failures of an account, ending its back-off: its own gate's, and its gate's at each place
     * where they were counted apart because the place is familiar to it: every such gate closed now, and each
     * place among {@code failedFrom} (addresses its kept failures came from), where failures short of closing
     * it may wait.
     */
    public Uni<Void> clearAccount(String username, Collection<String> failedFrom) {
        String account = GateKeys.account(username);
        String atPlaces = GateKeys.placeGate(account, "");
        GateRule rule = rules.account();
        return loginGates.failing(atPlaces, rule.threshold(), rule.window(), PLACES_CLEARED).chain(closed -> {
            Set<String> gates = new LinkedHashSet<>();
            gates.add(account);
            closed.forEach(gate -> gates.add(gate.key()));
            failedFrom.stream().map(IpAddresses::lockoutUnit)
                    .forEach(place -> gates.add(GateKeys.placeGate(account, place)));
            return Uni.join().all(gates.stream().map(loginGates::clearFailures).toList()).andFailFast().replaceWithVoid();
        });
    }

    /** How far back failures can still close a gate: the longer of the two windows. */
    public Duration failureMemory() {
        Duration address = rules.address().window();
        Duration account = rules.account().window();
        return address.compareTo(account) > 0 ? address : account;
    }
}
