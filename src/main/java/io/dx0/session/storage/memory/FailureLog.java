package io.dx0.session.storage.memory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.dx0.session.login.FailingGate;
import io.dx0.session.login.FailureCount;
import io.dx0.session.login.GateDecision;
import io.dx0.session.login.GateRule;
import io.dx0.session.login.Settlement;

/**
 * One login gate: failure times with their tags, oldest first, and the attempts in flight with the
 * end of their lease; synchronized per key. A log found empty by the purge is retired under its lock,
 * so an attempt admitted at the same moment goes to a fresh log, never lost.
 */
final class FailureLog {

    private record Failure(long at, String tag) {
    }

    private final ArrayDeque<Failure> failures = new ArrayDeque<>();
    private final Map<String, Long> inFlight = new HashMap<>();
    private long windowMillis;
    private boolean retired;

    /** Null when this log was retired; the caller then asks a fresh one. */
    synchronized GateDecision admit(long now, GateRule rule, String attemptId) {
        if (retired) {
            return null;
        }
        windowMillis = Math.max(windowMillis, rule.window().toMillis());
        int count = count(now, rule.window().toMillis()).count();
        long closed = count == 0 ? 0
                : rule.closedFor(count, failures.peekFirst().at(), failures.peekLast().at(), now);
        if (closed > 0) {
            return GateDecision.locked(count, closed);
        }
        inFlight.values().removeIf(leaseEnd -> leaseEnd <= now);
        if (inFlight.size() >= rule.maxInFlight()) {
            return GateDecision.busy(count);
        }
        inFlight.put(attemptId, now + rule.lease().toMillis());
        return GateDecision.admitted(count);
    }

    /** False when this log was retired (nothing was in flight in it then). */
    synchronized boolean settle(long now, GateRule rule, String attemptId, Settlement settlement, String tag) {
        if (retired) {
            return false;
        }
        inFlight.remove(attemptId);
        switch (settlement) {
            case FAILED -> {
                failures.addLast(new Failure(now, tag));
                while (failures.size() > rule.kept()) {
                    failures.pollFirst();
                }
            }
            case SUCCEEDED -> failures.removeIf(f -> tag == null || Objects.equals(f.tag(), tag));
            case WITHDRAWN -> {
            }
        }
        return true;
    }

    synchronized FailureCount count(long now, long window) {
        while (!failures.isEmpty() && failures.peekFirst().at() <= now - window) {
            failures.pollFirst();
        }
        if (failures.isEmpty()) {
            return FailureCount.NONE;
        }
        return new FailureCount(failures.size(), failures.peekFirst().at() + window - now);
    }

    /** The failures inside the window now, or null when there are none. */
    synchronized FailingGate failing(String key, long now, long window) {
        int count = count(now, window).count();
        return count == 0 ? null
                : new FailingGate(key, count, now - failures.peekFirst().at(), now - failures.peekLast().at());
    }

    /** Retires the log when nothing in it is inside the widest window it was used with, and nothing is in flight. */
    synchronized boolean retireIfEmpty(long now) {
        inFlight.values().removeIf(leaseEnd -> leaseEnd <= now);
        retired = inFlight.isEmpty() && count(now, windowMillis).count() == 0;
        return retired;
    }
}
