package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice over {@code rediss://}: CA from the TLS registry, hostname verified, as on ElastiCache. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "tls"))
class RedisTlsRestFlowTest extends RestFlowScenarios {

    @Test
    void redisOverTlsIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("redis");
        store.ping().await().indefinitely();
    }
}
