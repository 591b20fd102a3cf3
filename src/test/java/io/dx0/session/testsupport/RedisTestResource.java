package io.dx0.session.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A private Redis for one Quarkus test class, selected as the session backend. The init arg
 * {@code mode} picks how it is reached, as an operator would configure ElastiCache:
 * <ul>
 * <li>{@code plain} (default): {@code redis://127.0.0.1:port};</li>
 * <li>{@code aof}: the same with the append-only file fsynced every second, so a restart after
 * {@code kill -9} finds everything acknowledged more than a second before;</li>
 * <li>{@code tls}: {@code rediss://localhost:tls-port}, trusting the test CA through the TLS registry
 * config {@code redis}, hostname verified;</li>
 * <li>{@code tls-wrong-host}: the same server reached as {@code 127.0.0.1}, a name its certificate
 * does not carry, so the handshake must be refused;</li>
 * <li>{@code acl}: the default user needs a password and the service logs in as ACL user
 * {@value #ACL_USER}, allowed only keys and channels under {@code dx0:} and no dangerous commands;</li>
 * <li>{@code cluster}: a 3-master Redis Cluster with {@code client-type=cluster};</li>
 * <li>{@code cluster-replicas}: the same with one replica per master and a 1 s node timeout, for
 * failover.</li>
 * </ul>
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACL_USER = "dx0-svc";
    public static final String ACL_PASSWORD = "acl-pw/with:url@chars";
    public static final String DEFAULT_PASSWORD = "default-user-pw";

    private String mode = "plain";
    private RedisServer server;
    private RedisCluster cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        mode = initArgs.getOrDefault("mode", "plain");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Map.of("session.backend", "redis"));
        switch (mode) {
            case "plain", "aof" -> {
                server = mode.equals("aof") ? RedisServer.start("--appendonly", "yes", "--appendfsync", "everysec")
                        : RedisServer.start();
                config.put("quarkus.redis.hosts", server.uri());
            }
            case "tls", "tls-wrong-host" -> {
                TestCertificates certs = TestCertificates.issueFor("localhost");
                int tlsPort = freePort();
                server = RedisServer.start("--tls-port", String.valueOf(tlsPort), "--tls-cert-file",
                        certs.serverCert().toString(), "--tls-key-file", certs.serverKey().toString(),
                        "--tls-ca-cert-file", certs.caCert().toString(), "--tls-auth-clients", "no");
                String host = mode.equals("tls") ? "localhost" : "127.0.0.1";
                config.put("quarkus.redis.hosts", "rediss://" + host + ":" + tlsPort);
                config.put("quarkus.redis.tls-configuration-name", "redis");
                config.put("quarkus.tls.redis.trust-store.pem.certs", certs.caCert().toString());
            }
            case "acl" -> {
                server = RedisServer.start();
                try (RespClient admin = server.client()) {
                    admin.call("ACL", "SETUSER", ACL_USER, "on", ">" + ACL_PASSWORD, "~dx0:*", "&dx0:*", "+@all",
                            "-@dangerous");
                    admin.call("CONFIG", "SET", "requirepass", DEFAULT_PASSWORD);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                config.put("quarkus.redis.hosts", "redis://" + ACL_USER + ":"
                        + java.net.URLEncoder.encode(ACL_PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                        + "@127.0.0.1:" + server.port());
            }
            case "cluster", "cluster-replicas" -> {
                cluster = RedisCluster.start(mode.equals("cluster-replicas"));
                config.put("quarkus.redis.hosts", cluster.uris());
                config.put("quarkus.redis.client-type", "cluster");
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectServer.class, RedisServer.class));
        injector.injectIntoFields(cluster,
                new TestInjector.AnnotatedAndMatchesType(InjectServer.class, RedisCluster.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int freePort() {
        try {
            return RedisServer.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
