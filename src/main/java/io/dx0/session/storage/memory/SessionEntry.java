package io.dx0.session.storage.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.chat.RateDecision;
import io.dx0.session.chat.SessionUse;
import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.session.Rotation;
import io.dx0.session.session.Session;

/**
 * One session's mutable state. Every method is synchronized on the entry itself: each session has
 * its own lock, so operations on different sessions never wait for each other.
 */
final class SessionEntry {

    private final String id;
    private final String username;
    private final String group;
    private final Map<String, String> metadata;
    private final long createdAt;
    private final long absoluteExpiry;
    private final long idleMillis;
    private final List<String> orderedTests = new ArrayList<>();
    private final Set<String> rotatedRefreshHashes = new HashSet<>();
    private final Set<String> idempotencyKeys = new HashSet<>();
    private final ArrayDeque<Long> acceptedMessages = new ArrayDeque<>();
    private String refreshHash;
    /** The hash rotated out last, and when: the one a replay within the reuse leeway may present. */
    private String previousRefreshHash;
    private long previousRotatedAt;
    private long limit;
    private long spent;
    private long lastAccess;
    private boolean ended;

    SessionEntry(NewSession s, long now, long idleMillis, long maxLifetimeMillis) {
        this.id = s.id();
        this.username = s.username();
        this.group = s.group();
        this.metadata = s.metadata();
        this.refreshHash = s.refreshHash();
        this.limit = Budget.storedLimit(s.budgetLimit());
        this.createdAt = now;
        this.lastAccess = now;
        this.idleMillis = idleMillis;
        this.absoluteExpiry = now + maxLifetimeMillis;
    }

    String username() {
        return username;
    }

    synchronized boolean isLive(long now) {
        return !ended && now < expiresAt();
    }

    /** Marks the entry ended; true when it was live until now. */
    synchronized boolean end(long now) {
        boolean wasLive = isLive(now);
        ended = true;
        return wasLive;
    }

    synchronized Session touch(long now) {
        if (!isLive(now)) {
            return null;
        }
        lastAccess = now;
        return view();
    }

    synchronized Session peek(long now) {
        return isLive(now) ? view() : null;
    }

    /** On {@code REUSED} the entry is ended; the store then forgets it. */
    synchronized Rotation rotate(long now, String presentedHash, String newHash, long leewayMillis) {
        if (!isLive(now)) {
            return Rotation.INVALID;
        }
        if (refreshHash.equals(presentedHash)) {
            previousRefreshHash = refreshHash;
            previousRotatedAt = now;
            rotatedRefreshHashes.add(refreshHash);
            refreshHash = newHash;
            lastAccess = now;
            return new Rotation(Rotation.Status.ROTATED, view());
        }
        if (presentedHash.equals(previousRefreshHash) && now - previousRotatedAt < leewayMillis) {
            rotatedRefreshHashes.add(refreshHash);
            refreshHash = newHash;
            lastAccess = now;
            return new Rotation(Rotation.Status.REPLAYED, view());
        }
        if (rotatedRefreshHashes.contains(presentedHash)) {
            ended = true;
            return Rotation.REUSED;
        }
        return Rotation.INVALID;
    }

    /** Touch and rate decision under one lock; null when the session is gone. */
    synchronized SessionUse use(long now, int max, long windowMillis, boolean record) {
        Session session = touch(now);
        return session == null ? null : new SessionUse(session, acquire(now, max, windowMillis, record));
    }

    private RateDecision acquire(long now, int max, long windowMillis, boolean record) {
        while (!acceptedMessages.isEmpty() && acceptedMessages.peekFirst() <= now - windowMillis) {
            acceptedMessages.pollFirst();
        }
        int count = acceptedMessages.size();
        if (count >= max) {
            long retry = acceptedMessages.peekFirst() + windowMillis - now;
            return new RateDecision(false, 0, Math.max(1, retry));
        }
        if (record) {
            acceptedMessages.addLast(now);
            count++;
        }
        return new RateDecision(true, max - count, 0);
    }

    /** Null when the session is gone, like every other operation, so the store forgets an expired entry. */
    synchronized ChargeOutcome charge(long now, long amount, String item, String idempotencyKey) {
        if (!isLive(now)) {
            return null;
        }
        if (idempotencyKey != null && idempotencyKeys.contains(idempotencyKey)) {
            return new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, budget());
        }
        if (!budget().fits(amount)) {
            return new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, budget());
        }
        spent += amount;
        if (item != null) {
            orderedTests.add(item);
        }
        if (idempotencyKey != null) {
            idempotencyKeys.add(idempotencyKey);
        }
        return new ChargeOutcome(ChargeOutcome.Status.CHARGED, budget());
    }

    synchronized Budget setLimit(long now, Long newLimit) {
        if (!isLive(now)) {
            return null;
        }
        limit = Budget.storedLimit(newLimit);
        return budget();
    }

    synchronized Budget lowerLimit(long now, long newLimit) {
        if (!isLive(now)) {
            return null;
        }
        limit = limit == Budget.UNLIMITED ? newLimit : Math.min(limit, newLimit);
        return budget();
    }

    private long expiresAt() {
        return Math.min(lastAccess + idleMillis, absoluteExpiry);
    }

    private Budget budget() {
        return Budget.fromStored(limit, spent);
    }

    private Session view() {
        return new Session(id, username, group, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccess),
                Instant.ofEpochMilli(expiresAt()), Instant.ofEpochMilli(absoluteExpiry), budget(), orderedTests,
                metadata);
    }
}
