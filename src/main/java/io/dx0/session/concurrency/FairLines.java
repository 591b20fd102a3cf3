package io.dx0.session.concurrency;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Tasks in one line per key (a client address), taken in turns: one from each non-empty line per round,
 * in the order the lines became non-empty. This is deficit round robin (Shreedhar and Varghese) with
 * every task costing the same, so a key gets at most its share of the takers however many tasks it
 * adds, while any other key's task waits at most one round. Thread-safe; {@link #take()} blocks.
 */
public final class FairLines<T> {

    private final Map<String, ArrayDeque<T>> lines = new HashMap<>();
    /** The keys with tasks waiting, in the order of their next turn. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int size;
    private boolean closed;

    public synchronized void add(String key, T task) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        ArrayDeque<T> line = lines.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (line.isEmpty()) {
            turns.addLast(key);
        }
        line.addLast(task);
        size++;
        notify();
    }

    /** The next task in turn, waiting for one; null once closed. */
    public synchronized T take() throws InterruptedException {
        while (size == 0 && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        String key = turns.pollFirst();
        ArrayDeque<T> line = lines.get(key);
        T task = line.pollFirst();
        size--;
        if (line.isEmpty()) {
            lines.remove(key);
        } else {
            turns.addLast(key);
        }
        return task;
    }

    /**
     * How many tasks would be taken before one {@code key} added now: its own line, and from every other
     * line as many as the rounds it waits (at most one more than its own line holds).
     */
    public synchronized int ahead(String key) {
        ArrayDeque<T> own = lines.get(key);
        int rounds = own == null ? 0 : own.size();
        int ahead = rounds;
        for (Map.Entry<String, ArrayDeque<T>> line : lines.entrySet()) {
            if (!line.getKey().equals(key)) {
                ahead += Math.min(line.getValue().size(), rounds + 1);
            }
        }
        return ahead;
    }

    public synchronized int size() {
        return size;
    }

    /** Lines with tasks waiting. */
    public synchronized int lines() {
        return lines.size();
    }

    /** Wakes every taker with null; tasks still waiting are dropped. */
    public synchronized void close() {
        closed = true;
        lines.clear();
        turns.clear();
        size = 0;
        notifyAll();
    }
}
