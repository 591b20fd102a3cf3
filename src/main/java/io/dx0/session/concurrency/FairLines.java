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
 * round at each level. Two tiers: every task of {@link Tier#FIRST} is taken before any of
 * {@link Tier#REST}. Thread-safe; {@link #take()} blocks.
 */
public final class FairLines<T> {

    /** Which tasks go first: all of {@code FIRST} before any of {@code REST}. */
    public enum Tier {
        FIRST, REST
    }

    private final Map<Tier, Node<T>> roots = Map.of(Tier.FIRST, new Node<>(), Tier.REST, new Node<>());
    private int leaves;
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
        return takeFrom(first.size > 0 ? first : roots.get(Tier.REST));
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
     * more than the tasks of that branch ahead of it); for {@link Tier#REST}, every task of
     * {@link Tier#FIRST} too.
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
        return tier == Tier.REST ? ahead + roots.get(Tier.FIRST).size : ahead;
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
