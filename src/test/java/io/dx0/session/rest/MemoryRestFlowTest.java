package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.TripwireRedis;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The REST slice on the memory backend, with the Redis client pointed at a tripwire port. */
@QuarkusTest
@WithTestResource(TripwireRedis.class)
class MemoryRestFlowTest extends RestFlowScenarios {

    @Test
    void memoryBackendNeverConnectsToRedisNorOpensADatasource() {
        assertThat(store.name()).isEqualTo("memory");
        loginSessionRefreshLogoutThenUnauthorized();
        readinessNamesTheChosenBackend();
        assertThat(TripwireRedis.connections()).isZero();
        assertThat(ConfigProvider.getConfig().getValue("quarkus.datasource.active", Boolean.class))
                .as("no PostgreSQL pool unless it is the backend").isFalse();
    }
}
