package io.dx0.session.concurrency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tasks in lines taken in turns, shared out along a path of keys (a client's /48, /56, /64): each node
 * of the tree gives one turn to each of its non-empty children per round, in the order they became
 * non-empty, and a leaf's tasks are taken first come, first served. This is deficit round robin
 * (Shreedhar and Varghese) within deficit round robin, every task costing the same: a thousand leaves
 * under one key get that key's share between them, while a task under any other key waits at most one
 * round at each level. Two tiers: {@link Tier#FIRST} is taken before {@link Tier#REST}, but for one
 * task of the rest after every {@value #FIRST_PER_REST} of the first while both wait, so the rest is
 * slowed, never starved, by however much the first tier is sent. Thread-safe; {@link #take()} blocks.
 */
public final class FairLines<T> {

    /** Which tasks go first: {@code FIRST}, but for one of {@code REST} after every {@value #FIRST_PER_REST}. */
    public enum Tier {
        FIRST, REST
    }

    private final Map<Tier, Node<T>> roots = Map.of(Tier.FIRST, new Node<>(), Tier.REST, new Node<>());
    /**
     * Tasks of the first tier taken in a row while the rest waited, at most. Strict priority starved the
     * rest: in bench/admission.sh's flood, one address logging in from its familiar place on 200
     * connections kept a newcomer's first login waiting 22-29 s.
     */
    static final int FIRST_PER_REST = 4;

    private int leaves;
    private int firstInARow;
    private boolean closed;

    /** A task of {@link Tier#REST} under one key. */
    public void add(String key, T task) {
        add(Tier.REST, List.of(key), task);
    }

    /** A task at the end of its leaf, {@code path} naming the leaf from the widest key down. */
    public synchronized void add(Tier tier, List<String> path, T task) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        Node<T> node = roots.get(tier);
        for (String key : path) {
            node.size++;
            Node<T> child = node.children.computeIfAbsent(key, k -> new Node<>());
            if (child.size == 0) {
                node.turns.addLast(key);
            }
            node = child;
        }
        if (node.tasks.isEmpty()) {
            leaves++;
        }
        node.tasks.addLast(task);
        node.size++;
        notify();
    }

    /** The next task in turn, waiting for one; null once closed. */
    public synchronized T take() throws InterruptedException {
        while (size() == 0 && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        Node<T> first = roots.get(Tier.FIRST);
        Node<T> rest = roots.get(Tier.REST);
        if (first.size > 0 && (rest.size == 0 || firstInARow < FIRST_PER_REST)) {
            firstInARow = rest.size == 0 ? 0 : firstInARow + 1;
            return takeFrom(first);
        }
        firstInARow = 0;
        return takeFrom(rest);
    }

    private T takeFrom(Node<T> node) {
        node.size--;
        if (node.children.isEmpty()) {
            T task = node.tasks.pollFirst();
            if (node.tasks.isEmpty()) {
                leaves--;
            }
            return task;
        }
        String key = node.turns.pollFirst();
        Node<T> child = node.children.get(key);
        T task = takeFrom(child);
        if (child.size == 0) {
            node.children.remove(key);
        } else {
            node.turns.addLast(key);
        }
        return task;
    }

    /** How many tasks would be taken before one of {@link Tier#REST} under {@code key} added now. */
    public int ahead(String key) {
        return ahead(Tier.REST, List.of(key));
    }

    /**
     * How many tasks would be taken before one added now at {@code path}: its own leaf's, then level by
     * level up the path, from each sibling as many as the turns its own branch needs first (at most one
     * more than the tasks of that branch ahead of it); then the other tier's turns in between: for
     * {@link Tier#FIRST} one of the rest per {@value #FIRST_PER_REST}, for {@link Tier#REST} up to
     * {@value #FIRST_PER_REST} of the first per turn of its own.
     */
    public synchronized int ahead(Tier tier, List<String> path) {
        List<Node<T>> nodes = new ArrayList<>(path.size() + 1);
        Node<T> node = roots.get(tier);
        nodes.add(node);
        for (String key : path) {
            node = node == null ? null : node.children.get(key);
            nodes.add(node);
        }
        int ahead = node == null ? 0 : node.size;
        for (int level = path.size() - 1; level >= 0; level--) {
            Node<T> parent = nodes.get(level);
            if (parent == null) {
                continue;
            }
            int rounds = ahead;
            for (Map.Entry<String, Node<T>> sibling : parent.children.entrySet()) {
                if (!sibling.getKey().equals(path.get(level))) {
                    ahead += Math.min(sibling.getValue().size, rounds + 1);
                }
            }
        }
        return tier == Tier.REST ? ahead + Math.min(roots.get(Tier.FIRST).size, FIRST_PER_REST * (ahead + 1))
                : ahead + Math.min(roots.get(Tier.REST).size, ahead / FIRST_PER_REST + 1);
    }

    public synchronized int size() {
        return roots.get(Tier.FIRST).size + roots.get(Tier.REST).size;
    }

    /** Leaves with tasks waiting. */
    public synchronized int lines() {
        return leaves;
    }

    /** Wakes every taker with null; tasks still waiting are dropped. */
    public synchronized void close() {
        closed = true;
        roots.values().forEach(Node::clear);
        leaves = 0;
        notifyAll();
    }

    /** A key's branch: its children in turn, or (a leaf) its own tasks; {@code size} counts all beneath it. */
    private static final class Node<T> {
        final Map<String, Node<T>> children = new HashMap<>();
        final ArrayDeque<String> turns = new ArrayDeque<>();
        final ArrayDeque<T> tasks = new ArrayDeque<>();
        int size;

        void clear() {
            children.clear();
            turns.clear();
            tasks.clear();
            size = 0;
        }
    }
}
