package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.RespClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice over {@code rediss://}: CA from the TLS registry, hostname verified, as on ElastiCache. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "tls"))
class RedisTlsRestFlowTest extends RestFlowScenarios {

    @InjectServer
    RedisServer redis;

    /**
     * Every connection the service holds reaches the TLS port: the plain port (which the test itself
     * uses to look) carries no connection but this one.
     */
    @Test
    void everyConnectionOfTheServiceIsOnTheTlsPort() {
        assertThat(store.name()).isEqualTo("redis");
        tokens("ann", "pw-2a");
        try (RespClient admin = redis.client()) {
            List<String> clients = admin.string("CLIENT", "LIST").lines().toList();
            List<String> service = clients.stream().filter(c -> !c.contains("cmd=client|list")).toList();
            assertThat(service).as(String.join("\n", clients)).isNotEmpty()
                    .noneMatch(c -> c.contains("laddr=127.0.0.1:" + redis.port() + " "));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
