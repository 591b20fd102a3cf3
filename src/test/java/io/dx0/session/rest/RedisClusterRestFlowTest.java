package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice on a 3-master Redis Cluster through {@code quarkus.redis.client-type=cluster}. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "cluster"))
class RedisClusterRestFlowTest extends RestFlowScenarios {

    @Test
    void clusterIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("redis");
        assertThat(store.countLive().await().indefinitely()).isNotNegative();
    }
}
