package io.dx0.session.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A {@link RestartablePostgres} of one test class's own, selected as the session backend. */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private RestartablePostgres server;

    @Override
    public Map<String, String> start() {
        server = RestartablePostgres.start();
        return Map.of("session.backend", "postgres", "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "postgres");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectServer.class, RestartablePostgres.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
