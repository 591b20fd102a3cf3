package io.dx0.session.storage.redis;

import java.util.List;

import io.dx0.session.audit.EventShelf;

/**
 * The key layout. Every key of one session carries the session id as its hash tag
 * ({@code <prefix>:s:{<sid>}...}), so each per-session script touches one cluster slot.
 */
final class RedisKeys {

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    String session(String sid) {
        return prefix + ":s:{" + sid + "}";
    }

    String rateLog(String sid) {
        return session(sid) + ":rl";
    }

    String rotatedRefreshHashes(String sid) {
        return session(sid) + ":rt";
    }

    String idempotencyKeys(String sid) {
        return session(sid) + ":ik";
    }

    /** Every key of a session, the hash first. */
    List<String> allOfSession(String sid) {
        return List.of(session(sid), rotatedRefreshHashes(sid), rateLog(sid), idempotencyKeys(sid));
    }

    String usernameIndex(String username) {
        return prefix + ":u:{" + username + "}";
    }

    /** A username's sessions by creation time: same hash tag as its index, so one script reads both. */
    String usernameOrder(String username) {
        return usernameIndex(username) + ":c";
    }

    /** Every session by creation time (admins page through it, newest first); its own slot. */
    String createdIndex() {
        return prefix + ":created";
    }

    String liveIndex() {
        return prefix + ":live";
    }

    /** The stream of kept security events of one shelf (each key its own slot); accounts keep the key they always had. */
    String events(EventShelf shelf) {
        return shelf == EventShelf.ACCOUNTS ? prefix + ":events" : prefix + ":events:noise";
    }

    /** Each replica's report of itself (a hash: one field per replica). */
    String replicas() {
        return prefix + ":replicas";
    }

    /** Pub/sub channel of ended session ids (channels are not keys: no slot, no TTL). */
    String endedChannel() {
        return prefix + ":ended";
    }

    /** Failure log of one login gate. */
    String failures(String key) {
        return prefix + ":f:{" + key + "}";
    }

    /**
     * The index of the gates of one kind (the key's part up to its first colon: {@code ip}, {@code user},
     * {@code place}, {@code device}) whose failures reached their threshold: its own slot.
     */
    String failing(String gateKeyOrKind) {
        return prefix + ":failing:" + gateKeyOrKind.substring(0, gateKeyOrKind.indexOf(':'));
    }

    /** Attempts of that gate being checked now: same hash tag, so one script touches both. */
    String inFlight(String key) {
        return failures(key) + ":if";
    }

    /**
     * A dated mark that expires ({@code SessionStore.mark}): an account's device revocation (key: the
     * account, the layout these keys always had) or a place familiar to an account.
     */
    String datedMark(String key) {
        return prefix + ":d:{" + key + "}";
    }
}
