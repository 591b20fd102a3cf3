package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Budget;
import io.dx0.session.session.NewSession;
import io.dx0.session.storage.backend.SessionPolicy;
import io.dx0.session.storage.jdbc.JdbcSessionStore;
import io.dx0.session.storage.jdbc.PooledDatabase;
import io.dx0.session.testsupport.PostgresServer;

/** The PostgreSQL backend needs no more than a plain role that owns one schema. */
class PostgresPlainRoleTest {

    @Test
    void migratesAndServesAsAPlainRoleOwningOneSchema() {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            PostgresServer.Database db = PostgresServer.newDatabaseForPlainRole();
            SessionPolicy policy = new SessionPolicy(Duration.ofHours(1), Duration.ofHours(12));
            JdbcSessionStore store = new JdbcSessionStore("postgres",
                    new PooledDatabase(db.dataSource(), workers, Duration.ofSeconds(10)),
                    policy, new ObjectMapper(), Clock.systemUTC());
            store.migrate().await().atMost(Duration.ofSeconds(30));
            store.migrate().await().atMost(Duration.ofSeconds(30));
            store.create(new NewSession("s1", "ann", "user", 100L, "h", Map.of())).await().indefinitely();
            assertThat(store.charge("s1", 40, "cbc", null).await().indefinitely().status())
                    .isEqualTo(ChargeOutcome.Status.CHARGED);
            assertThat(store.touch("s1").await().indefinitely().budget()).isEqualTo(new Budget(100L, 40));
        } finally {
            workers.shutdownNow();
        }
    }
}
