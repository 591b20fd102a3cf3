package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The login flood of issue 36 on the redis backend. */
@QuarkusTest
@TestProfile(LoginFloodScenarios.ShortLine.class)
@WithTestResource(RedisTestResource.class)
class RedisLoginFloodTest extends LoginFloodScenarios {

    @Test
    void redisIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("redis");
    }
}
