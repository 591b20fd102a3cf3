package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice on a private redis-server. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RedisRestFlowTest extends RestFlowScenarios {

    @Test
    void redisIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("redis");
    }
}
