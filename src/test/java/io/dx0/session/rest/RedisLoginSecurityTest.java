package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The login protection scenarios on a private redis-server: the gates are Lua scripts there. */
@QuarkusTest
@TestProfile(LoginSecurityScenarios.SlowAccountThrottle.class)
@WithTestResource(RedisTestResource.class)
class RedisLoginSecurityTest extends LoginSecurityScenarios {

    @Test
    void redisIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("redis");
    }
}
