package io.dx0.session.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one clock of the service. Application scoped (a client proxy) so that a {@code @QuarkusTest}
 * can put a clock it moves in its place with {@code QuarkusMock} instead of sleeping.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
