package io.dx0.session.chat.socket;

import io.dx0.session.testsupport.SqliteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat protocol on the sqlite backend. */
@QuarkusTest
@WithTestResource(SqliteTestResource.class)
class SqliteChatTest extends ChatScenarios {
}
