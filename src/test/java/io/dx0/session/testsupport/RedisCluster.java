package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** A real Redis Cluster of three masters (no replicas) on free ports, slots split evenly. */
public final class RedisCluster implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster() {
    }

    public static RedisCluster start() {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < 3; i++) {
                cluster.nodes.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000"));
            }
            cluster.assignSlots();
            cluster.meet();
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** Comma-separated URIs of every node, as {@code quarkus.redis.hosts} takes them. */
    public String uris() {
        return String.join(",", nodes.stream().map(RedisServer::uri).toList());
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitOk() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (nodes.stream().allMatch(RedisCluster::isOk)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("redis cluster did not reach cluster_state:ok");
    }

    private static boolean isOk(RedisServer node) {
        try (RespClient client = node.client()) {
            String info = client.string("CLUSTER", "INFO");
            return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
