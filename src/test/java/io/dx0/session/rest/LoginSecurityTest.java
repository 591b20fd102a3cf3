package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The login protection scenarios on the memory backend. */
@QuarkusTest
@TestProfile(LoginSecurityScenarios.SlowAccountThrottle.class)
class LoginSecurityTest extends LoginSecurityScenarios {

    @Test
    void memoryIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("memory");
    }
}
