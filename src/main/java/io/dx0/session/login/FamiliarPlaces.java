package io.dx0.session.login;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.config.LoginSettings;
import io.smallrye.mutiny.Uni;

/**
 * The places (an IPv4 address, an IPv6 /64) an account logged in from successfully within
 * {@code session.login.familiar-for}: Azure AD smart lockout's familiar locations. Kept as dated marks
 * under {@code familiar:<account>@<place>}.
 */
@ApplicationScoped
public class FamiliarPlaces {

    private final DatedMarks marks;
    private final Duration keptFor;
    private final Clock clock;

    FamiliarPlaces(DatedMarks marks, LoginSettings config, Clock clock) {
        this.marks = marks;
        this.keptFor = config.familiarFor();
        this.clock = clock;
    }

    public Uni<Boolean> isFamiliar(String account, String place) {
        return marks.markedAt(key(account, place)).map(since -> since > 0);
    }

    /** Best effort: a place not remembered is only treated as unfamiliar next time. */
    public Uni<Void> remember(String account, String place) {
        return marks.mark(key(account, place), clock.millis(), keptFor).onFailure().recoverWithNull();
    }

    private static String key(String account, String place) {
        return "familiar:" + account + "@" + place;
    }
}
