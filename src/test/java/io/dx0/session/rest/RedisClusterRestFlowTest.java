package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.RedisCluster;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.RespClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice on a 3-master Redis Cluster ({@code client-type=cluster}). */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "cluster"))
class RedisClusterRestFlowTest extends RestFlowScenarios {

    @InjectServer
    RedisCluster cluster;

    /** Sessions are spread over the masters by their hash slot: the client routes, no node holds them all. */
    @Test
    void sessionsAreSpreadOverTheMasters() throws Exception {
        assertThat(store.name()).isEqualTo("redis");
        for (int i = 0; i < 12; i++) {
            tokens("ben", "pw-2b");
        }
        List<Long> keysPerNode = new java.util.ArrayList<>();
        for (RedisServer node : cluster.nodes()) {
            try (RespClient client = node.client()) {
                keysPerNode.add(Long.parseLong(client.call("DBSIZE").toString()));
            }
        }
        assertThat(keysPerNode).as("keys per master").hasSize(3);
        assertThat(keysPerNode.stream().filter(n -> n > 0).count()).as("masters holding keys: " + keysPerNode)
                .isGreaterThanOrEqualTo(2);
    }
}
