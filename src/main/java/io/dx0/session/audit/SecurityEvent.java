package io.dx0.session.audit;

/**
 * The closed set of security decisions the service logs, one {@code event} each (ASVS V16). A new
 * decision gets a new constant here, never a free-form name.
 */
public enum SecurityEvent {
    LOGIN_SUCCESS("login.success"),
    /** Wrong password or unknown user ({@code reason} says which; the answer to the client does not). */
    LOGIN_FAILURE("login.failure"),
    /** Refused unchecked: the client address is locked out. */
    LOGIN_LOCKED("login.locked", Level.WARN, Repeats.FOLDED_BY_ADDRESS),
    /** Refused unchecked: the account (or device) is in its back-off. */
    LOGIN_THROTTLED("login.throttled", Level.WARN, Repeats.FOLDED),
    /** Refused unchecked: no place to check it in time (503). */
    LOGIN_BUSY("login.busy", Level.INFO, Repeats.FOLDED_BY_ADDRESS),
    LOGOUT("logout"),
    /** A logout with a refresh token of a session already gone (200): it proves nothing about any account. */
    LOGOUT_GONE("logout.gone", Level.INFO, Repeats.FOLDED_BY_ADDRESS),
    /** A logout whose token proves no session (401). */
    LOGOUT_REFUSED("logout.refused", Level.INFO, Repeats.FOLDED_BY_ADDRESS),
    REFRESH_ROTATED("refresh.rotated"),
    /** The refresh token just rotated out, presented again within the leeway: a new pair, the session lives. */
    REFRESH_REPLAYED("refresh.replayed"),
    /** A rotated refresh token presented again after the leeway: the whole session is ended. */
    REFRESH_REUSED("refresh.reused", Level.WARN, Repeats.WRITTEN),
    REFRESH_INVALID("refresh.invalid", Level.INFO, Repeats.FOLDED_BY_ADDRESS),
    /** An admin ended a session. */
    SESSION_REVOKED("session.revoked"),
    /** A login went past {@code session.max-sessions-per-user}: the user's oldest session ended. */
    SESSION_EVICTED("session.evicted"),
    /** A non-admin session called an admin endpoint (403). */
    ADMIN_DENIED("admin.denied", Level.WARN, Repeats.FOLDED),
    ADMIN_SESSIONS_LISTED("admin.sessions.listed"),
    ADMIN_USER_REVOKED("admin.user.revoked"),
    ADMIN_DEVICES_REVOKED("admin.devices.revoked"),
    ADMIN_LOCKOUT_CLEARED("admin.lockout.cleared"),
    ADMIN_BUDGET_SET("admin.budget.set"),
    /** An admin read the kept security events or the overview; written once per admin per repeat window. */
    ADMIN_EVENTS_READ("admin.events.read", Level.INFO, Repeats.FOLDED);

    private enum Level {
        INFO, WARN
    }

    /** How repeats of a refusal a client can make at will and at no cost are written ({@link SecurityLog}). */
    private enum Repeats {
        /** Every occurrence is a line. */
        WRITTEN,
        /** Repeats of one decision (account, address, session, scope, reason) in a window are one line and a count. */
        FOLDED,
        /**
         * The client proved nothing (a locked address, a token that names no session): repeats from one
         * address are one line and a count, whatever user name or session id each sent.
         */
        FOLDED_BY_ADDRESS
    }

    private final String code;
    private final boolean warning;
    private final Repeats repeats;

    SecurityEvent(String code) {
        this(code, Level.INFO, Repeats.WRITTEN);
    }

    SecurityEvent(String code, Level level, Repeats repeats) {
        this.code = code;
        this.warning = level == Level.WARN;
        this.repeats = repeats;
    }

    /** Logged at WARN: a sign of attack or theft rather than of normal use. */
    public boolean warning() {
        return warning;
    }

    /**
     * A refusal a client can repeat at will and at no cost (polling a lockout, replaying a dead token):
     * repeats within the window are counted into one line instead of written ({@link SecurityLog}).
     */
    public boolean repeatable() {
        return repeats != Repeats.WRITTEN;
    }

    /** Repeats fold by the client's address alone, whatever user name or session id each sent. */
    public boolean foldsByAddress() {
        return repeats == Repeats.FOLDED_BY_ADDRESS;
    }

    /** The value of the {@code event} field. */
    public String code() {
        return code;
    }

    /** An event code ({@code login.failure}) or a family of them ending with a dot ({@code login.}). */
    public static boolean isKnownType(String type) {
        for (SecurityEvent event : values()) {
            if (event.code.equals(type) || type.endsWith(".") && event.code.startsWith(type)) {
                return true;
            }
        }
        return false;
    }
}
