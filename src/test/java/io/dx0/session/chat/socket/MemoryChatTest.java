package io.dx0.session.chat.socket;

import io.dx0.session.testsupport.TripwireRedis;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat protocol on the memory backend. */
@QuarkusTest
@WithTestResource(TripwireRedis.class)
class MemoryChatTest extends ChatScenarios {
}
