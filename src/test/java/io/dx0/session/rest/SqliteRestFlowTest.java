package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.SqliteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice on the sqlite backend. */
@QuarkusTest
@WithTestResource(SqliteTestResource.class)
class SqliteRestFlowTest extends RestFlowScenarios {

    @Test
    void sqliteIsTheChosenBackend() {
        assertThat(store.name()).isEqualTo("sqlite");
    }
}
