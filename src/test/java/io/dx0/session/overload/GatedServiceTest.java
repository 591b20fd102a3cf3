package io.dx0.session.overload;

import java.net.URL;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import io.quarkus.test.common.http.TestHTTPResource;

/** What the tests of a {@link GatedProfile} service share: its address, its gated replies, its admission. */
abstract class GatedServiceTest {

    static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");

    @TestHTTPResource("/")
    URL base;

    @Inject
    GatedConversationHandler conversation;

    @Inject
    Admission admission;

    @AfterEach
    void openTheGate() {
        conversation.open();
    }
}
