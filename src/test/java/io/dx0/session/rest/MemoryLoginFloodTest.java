package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The login flood of issue 36 on the memory backend. */
@QuarkusTest
@TestProfile(LoginFloodScenarios.ShortLine.class)
class MemoryLoginFloodTest extends LoginFloodScenarios {

    @Test
    void memoryIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("memory");
    }
}
