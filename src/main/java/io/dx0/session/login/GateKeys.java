package io.dx0.session.login;

import java.util.List;

import io.dx0.session.credentials.UserDirectory;
import io.dx0.session.net.IpAddresses;

/**
 * The keys the login gates are counted under, and the one place their formats are written: an address
 * ({@code ip:} and its lockout unit, IPv6 per /64), an account ({@code user:} and the folded name, known
 * or not), and an account at one of its familiar places ({@code place:user:<name>@<unit>}). The store keeps
 * them as they are (no migration).
 */
public final class GateKeys {

    static final String ADDRESS = "ip:";
    static final String ACCOUNT = "user:";
    static final String PLACE = "place:";

    private GateKeys() {
    }

    /** {@code Bob}, {@code bob } and {@code ｂｏｂ} are one account for counting. */
    public static String account(String username) {
        return ACCOUNT + UserDirectory.fold(username);
    }

    /** IPv4 per address, IPv6 per /64 ({@link IpAddresses#lockoutUnit}). */
    static String address(String clientAddress) {
        return ADDRESS + IpAddresses.lockoutUnit(clientAddress);
    }

    /** The gate of an account's logins from one of its familiar places ({@code place} a lockout unit). */
    static String placeGate(String account, String place) {
        return PLACE + account + "@" + place;
    }

    /**
     * The keys failures of {@code username}'s logins from {@code clientAddress} may be counted under: the
     * address, the account, and the account at that place when it is familiar.
     */
    public static List<String> failureKeys(String username, String clientAddress) {
        String account = account(username);
        return List.of(address(clientAddress), account, placeGate(account, IpAddresses.lockoutUnit(clientAddress)));
    }

    /** A closed gate as an admin sees it, from its key. */
    static Lockout lockout(String key, int failures, int threshold, java.time.Instant until) {
        String rest = key.substring(key.indexOf(':') + 1);
        if (key.startsWith(ADDRESS)) {
            return new Lockout(Lockout.Scope.ADDRESS, rest, null, failures, threshold, until);
        }
        if (key.startsWith(ACCOUNT)) {
            return new Lockout(Lockout.Scope.ACCOUNT, rest, null, failures, threshold, until);
        }
        String account = rest.substring(rest.indexOf(':') + 1);
        int at = account.lastIndexOf('@');
        return new Lockout(Lockout.Scope.PLACE, account.substring(0, at), account.substring(at + 1), failures, threshold,
                until);
    }
}
