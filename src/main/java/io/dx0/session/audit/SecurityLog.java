package io.dx0.session.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes one line per security decision to the log category {@value #CATEGORY}: the text
 * {@code event=login.failure user=ann client_ip=203.0.113.7 ...}, and the same fields in the MDC, so
 * the JSON format carries them as structured {@code mdc} fields next to {@code request_id}. Every value
 * goes through {@link LogSafe}; no password, token or secret is ever passed in. A refusal a client can
 * repeat at will ({@link SecurityEvent#repeatable()}) is written the first time in its window for that
 * account, address, session, scope and reason; the repeats are counted and written once as {@code repeated=N window_s=W} with
 * the first line's fields when the window closes, so polling cannot inflate the log. Successes and
 * every other decision are always their own line. Every line written is also kept in the store for
 * {@code session.security-log.kept-for}, where admins read it from any replica: what a client that proved
 * nothing caused on the noise shelf, everything else on the accounts shelf, each with its own bound.
 */
@ApplicationScoped
public class SecurityLog {

    public static final String CATEGORY = "dx0.security";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final RepeatedEvents repeats;
    private final Sink kept;

    /** Where each line written is also kept: the store, for admins on any replica. */
    @FunctionalInterface
    interface Sink {
        void keep(SecurityEvent event, EventShelf shelf, Map<String, String> fields);
    }

    @Inject
    SecurityLog(SecurityLogSettings config, SecurityEvents events, Clock clock, MeterRegistry registry) {
        this(new RepeatedEvents(config.repeatWindow(), Ticker.systemTicker(), Scheduler.systemScheduler(),
                Runnable::run, window -> ((Entry) window.firstLine()).writeSummary(window.repeats().get(),
                        config.repeatWindow().toSeconds())),
                keptIn(events, config.keptFor(), Map.of(EventShelf.ACCOUNTS, config.keptMax(),
                        EventShelf.NOISE, config.noiseKeptMax()), clock,
                        Counter.builder("dx0.security_events.unkept")
                                .description("Security events written to the log but not kept in the store (it failed)")
                                .register(registry)));
    }

    SecurityLog(RepeatedEvents repeats, Sink kept) {
        this.repeats = repeats;
        this.kept = kept;
    }

    /** Keeps each event on its shelf without waiting for it; one the store fails to keep is counted. */
    private static Sink keptIn(SecurityEvents events, Duration keptFor, Map<EventShelf, Integer> keptMax, Clock clock,
            Counter unkept) {
        if (keptFor.isZero()) {
            return (event, shelf, fields) -> {};
        }
        return (event, shelf, fields) -> events.keep(new KeptEvent(null, clock.millis(), event.code(), event.warning(),
                fields), shelf, keptFor, keptMax.get(shelf)).subscribe().with(done -> {}, failure -> {
                    unkept.increment();
                    LOG.debugf("Security event %s not kept in the store: %s", event.code(), failure.getMessage());
                });
    }

    public Entry event(SecurityEvent event) {
        return new Entry(event, repeats, kept);
    }

    /** Writes the count of every open window now: nothing counted is lost at a stop. */
    @PreDestroy
    void close() {
        repeats.closeAll();
    }

    /** The field names, in the order a line lists them; fixed here, never taken from input. */
    private enum Field {
        EVENT("event"), USER("user"), SESSION("session_id"), CLIENT("client_ip"), ACTOR("actor"), SCOPE("scope"),
        REASON("reason"), RETRY_AFTER("retry_after_ms"), COUNT("count"), LIMIT("limit"), REPEATED("repeated"),
        WINDOW("window_s");

        final String key;

        Field(String key) {
            this.key = key;
        }
    }

    private static final Field[] REPEAT_KEY = { Field.USER, Field.CLIENT, Field.SESSION, Field.SCOPE, Field.REASON };
    private static final Field[] ADDRESS_REPEAT_KEY = { Field.CLIENT, Field.SCOPE, Field.REASON };

    /** The fields of one event; {@link #log()} writes it. */
    public static final class Entry {

        private final SecurityEvent event;
        private final RepeatedEvents repeats;
        private final Sink kept;
        private final Map<Field, String> fields = new EnumMap<>(Field.class);
        private EventShelf shelf;

        private Entry(SecurityEvent event, RepeatedEvents repeats, Sink kept) {
            this.event = event;
            this.repeats = repeats;
            this.kept = kept;
            fields.put(Field.EVENT, event.code());
            shelf = event.foldsByAddress() ? EventShelf.NOISE : EventShelf.ACCOUNTS;
        }

        /**
         * The client proved nothing about a real account (a user name nobody has): the event is kept on the
         * noise shelf, where a flood of such events cannot push out the others.
         */
        public Entry provesNothing() {
            shelf = EventShelf.NOISE;
            return this;
        }

        /** The account the decision is about (as typed, for a failed login). */
        public Entry user(String username) {
            return put(Field.USER, username);
        }

        public Entry session(String sessionId) {
            return put(Field.SESSION, sessionId);
        }

        public Entry client(String clientIp) {
            return put(Field.CLIENT, clientIp);
        }

        /** The admin who acted. */
        public Entry actor(String username) {
            return put(Field.ACTOR, username);
        }

        public Entry reason(String reason) {
            return put(Field.REASON, reason);
        }

        public Entry scope(String scope) {
            return put(Field.SCOPE, scope);
        }

        public Entry retryAfterMillis(long millis) {
            return put(Field.RETRY_AFTER, Long.toString(millis));
        }

        public Entry count(long count) {
            return put(Field.COUNT, Long.toString(count));
        }

        public Entry limit(String limit) {
            return put(Field.LIMIT, limit);
        }

        private Entry put(Field name, String value) {
            if (value != null) {
                fields.put(name, LogSafe.escape(value));
            }
            return this;
        }

        /** Writes the line, unless it repeats a refusal whose window is open (then it is counted). */
        public void log() {
            if (event.repeatable() && !repeats.first(repeatKey(), this)) {
                return;
            }
            write(fields);
        }

        /**
         * The same refusal: event, account, address, session, scope and reason alike (never the varying wait);
         * for a client that proved nothing, event, address, scope and reason alike.
         */
        private String repeatKey() {
            StringBuilder key = new StringBuilder(event.code());
            for (Field field : event.foldsByAddress() ? ADDRESS_REPEAT_KEY : REPEAT_KEY) {
                key.append(' ').append(fields.getOrDefault(field, ""));
            }
            return key.toString();
        }

        private void writeSummary(long repeated, long windowSeconds) {
            Map<Field, String> summary = new EnumMap<>(fields);
            summary.put(Field.REPEATED, Long.toString(repeated));
            summary.put(Field.WINDOW, Long.toString(windowSeconds));
            write(summary);
        }

        private void write(Map<Field, String> values) {
            StringBuilder line = new StringBuilder();
            values.forEach((name, value) -> line.append(line.isEmpty() ? "" : " ").append(name.key).append('=').append(value));
            Map<String, Object> previous = new LinkedHashMap<>();
            values.forEach((name, value) -> previous.put(name.key, MDC.put(name.key, value)));
            try {
                LOG.log(event.warning() ? Logger.Level.WARN : Logger.Level.INFO, line);
                Map<String, String> named = new LinkedHashMap<>();
                values.forEach((name, value) -> {
                    if (name != Field.EVENT) {
                        named.put(name.key, value);
                    }
                });
                kept.keep(event, shelf, named);
            } finally {
                previous.forEach((name, value) -> {
                    if (value == null) {
                        MDC.remove(name);
                    } else {
                        MDC.put(name, value);
                    }
                });
            }
        }
    }
}
