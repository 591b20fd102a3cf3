package io.dx0.session.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How the service's own counters are made: once, at start-up, because they are counted per message and
 * per request. Labels are closed sets of words (outcome, scope, decision): never a token, IP address,
 * username or session id.
 */
public final class Counters {

    private Counters() {
    }

    /** One counter per value of {@code type}, tagged with the value's name in lower case. */
    public static <E extends Enum<E>> Map<E, Counter> byValue(MeterRegistry registry, Class<E> type, String name,
            String description, String tag) {
        Map<E, Counter> byValue = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            byValue.put(value, one(registry, name, description, tag, value.name().toLowerCase(Locale.ROOT)));
        }
        return byValue;
    }

    public static Counter one(MeterRegistry registry, String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
