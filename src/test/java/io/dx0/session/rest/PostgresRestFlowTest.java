package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice on the postgres backend. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PostgresRestFlowTest extends RestFlowScenarios {

    @Test
    void postgresIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("postgres");
    }
}
