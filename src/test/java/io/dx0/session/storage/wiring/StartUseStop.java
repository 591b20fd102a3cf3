package io.dx0.session.storage.wiring;

import java.time.Duration;

import jakarta.inject.Inject;

import io.dx0.session.storage.backend.SessionStore;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * A test-only entry point: the whole service starts (HTTP, the store, its ended-sessions
 * subscription), the store answers once, and the application stops. Chosen by name
 * ({@code quarkus.package.main-class}) only by {@link StartStopCycleTest}'s profile; the packaged
 * service never contains it.
 */
@QuarkusMain(name = StartUseStop.NAME)
public class StartUseStop implements QuarkusApplication {

    static final String NAME = "start-use-stop";

    @Inject
    SessionStore store;

    @Override
    public int run(String... args) {
        store.ping().await().atMost(Duration.ofSeconds(5));
        return 0;
    }
}
