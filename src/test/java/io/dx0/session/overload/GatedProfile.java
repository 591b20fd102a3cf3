package io.dx0.session.overload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service whose chat replies wait for the test ({@link GatedConversationHandler}), with one place of
 * work in progress on each of {@code paths}; each test is charged 1.00 of a 100.00 budget.
 */
abstract class GatedProfile implements QuarkusTestProfile {

    static Map<String, String> onePlace(List<String> paths, String maxQueueDelay) {
        Map<String, String> config = new HashMap<>();
        for (String path : paths) {
            config.put("session.overload." + path + ".initial-limit", "1");
            config.put("session.overload." + path + ".min-limit", "1");
            config.put("session.overload." + path + ".max-limit", "1");
            config.put("session.overload." + path + ".max-queue-delay", maxQueueDelay);
        }
        config.put("session.budget.default-limit", "100");
        config.put("session.rate-limit.messages", "100");
        return config;
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(GatedConversationHandler.class);
    }
}
