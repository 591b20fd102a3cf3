package io.dx0.session.chat.socket;

import io.dx0.session.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat protocol on the postgres backend. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PostgresChatTest extends ChatScenarios {
}
