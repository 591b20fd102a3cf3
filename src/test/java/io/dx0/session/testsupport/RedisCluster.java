package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Redis Cluster of three masters on free ports, slots split evenly; optionally one replica
 * per master, with a short node timeout so that a killed master is replaced within seconds.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisServer> nodes = new ArrayList<>();
    private final List<RedisServer> replicas = new ArrayList<>();

    private RedisCluster() {
    }

    /** Three masters, no replicas. */
    public static RedisCluster start() {
        return start(false);
    }

    public static RedisCluster start(boolean withReplicas) {
        RedisCluster cluster = new RedisCluster();
        String nodeTimeout = withReplicas ? "1000" : "5000";
        try {
            for (int i = 0; i < 3; i++) {
                cluster.nodes.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", nodeTimeout));
            }
            if (withReplicas) {
                for (int i = 0; i < 3; i++) {
                    cluster.replicas.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file",
                            "nodes.conf", "--cluster-node-timeout", nodeTimeout, "--cluster-replica-validity-factor", "0"));
                }
            }
            cluster.assignSlots();
            cluster.meet();
            cluster.awaitOk();
            if (withReplicas) {
                cluster.attachReplicas();
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The masters as started (after a failover, a replica may hold a killed master's slots). */
    public List<RedisServer> nodes() {
        return nodes;
    }

    public List<RedisServer> replicas() {
        return replicas;
    }

    /** Whether {@code replica} has been promoted to master. */
    public static boolean isMaster(RedisServer server) {
        try (RespClient client = server.client()) {
            return client.string("INFO", "replication").contains("role:master");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when every replica has received everything its master has written. */
    public boolean replicasCaughtUp() {
        for (int i = 0; i < replicas.size(); i++) {
            if (offset(nodes.get(i), "master_repl_offset") != offset(replicas.get(i), "slave_repl_offset")) {
                return false;
            }
        }
        return true;
    }

    private static long offset(RedisServer server, String field) {
        try (RespClient client = server.client()) {
            return client.string("INFO", "replication").lines().filter(l -> l.startsWith(field + ":")).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length() + 1).strip())).orElse(-1L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void attachReplicas() {
        for (int i = 0; i < replicas.size(); i++) {
            String masterId;
            try (RespClient master = nodes.get(i).client()) {
                masterId = master.string("CLUSTER", "MYID");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RedisServer replica = replicas.get(i);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (true) {
                try (RespClient client = replica.client()) {
                    client.call("CLUSTER", "REPLICATE", masterId);
                    break;
                } catch (IOException | RuntimeException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("replica did not attach: " + e.getMessage(), e);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!replicas.stream().allMatch(RedisCluster::linkUp)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("replicas did not sync");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static boolean linkUp(RedisServer replica) {
        try (RespClient client = replica.client()) {
            return client.string("INFO", "replication").contains("master_link_status:up");
        } catch (IOException e) {
            return false;
        }
    }

    /** Comma-separated URIs of every node, as {@code quarkus.redis.hosts} takes them. */
    public String uris() {
        return String.join(",", java.util.stream.Stream.concat(nodes.stream(), replicas.stream())
                .map(RedisServer::uri).toList());
    }

    private void assignSlots() {
        int per = SLOTS / nodes.size();
        for (int i = 0; i < nodes.size(); i++) {
            int from = i * per;
            int to = i == nodes.size() - 1 ? SLOTS - 1 : from + per - 1;
            Object[] args = new Object[2 + to - from + 1];
            args[0] = "CLUSTER";
            args[1] = "ADDSLOTS";
            for (int slot = from; slot <= to; slot++) {
                args[2 + slot - from] = slot;
            }
            try (RespClient client = nodes.get(i).client()) {
                client.call(args);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void meet() {
        try (RespClient first = nodes.get(0).client()) {
            for (RedisServer node : nodes.subList(1, nodes.size())) {
                first.call("CLUSTER", "MEET", "127.0.0.1", node.port());
            }
            for (RedisServer replica : replicas) {
                first.call("CLUSTER", "MEET", "127.0.0.1", replica.port());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitOk() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (nodes.stream().allMatch(RedisCluster::isOk) && knowsAll()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("redis cluster did not reach cluster_state:ok");
    }

    private boolean knowsAll() {
        int all = nodes.size() + replicas.size();
        return java.util.stream.Stream.concat(nodes.stream(), replicas.stream()).allMatch(node -> {
            try (RespClient client = node.client()) {
                return client.string("CLUSTER", "INFO").contains("cluster_known_nodes:" + all);
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static boolean isOk(RedisServer node) {
        try (RespClient client = node.client()) {
            String info = client.string("CLUSTER", "INFO");
            return info.contains("cluster_state:ok");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
        replicas.forEach(RedisServer::close);
    }
}
