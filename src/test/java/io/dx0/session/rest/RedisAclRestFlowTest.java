package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.RespClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The REST slice as an ElastiCache RBAC user: credentials in the URI (password URL-encoded), keys
 * and channels limited to the {@code dx0:} prefix, no dangerous commands, the default user locked
 * behind a password. Every scenario passing proves the service needs nothing more.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "acl"))
class RedisAclRestFlowTest extends RestFlowScenarios {

    @InjectServer
    RedisServer redis;

    @Test
    void serverDemandsCredentialsAndTheServiceUsesOnlyItsOwnKeys() throws IOException {
        try (RespClient anonymous = redis.client()) {
            assertThatThrownBy(() -> anonymous.call("GET", "dx0:anything")).hasMessageContaining("NOAUTH");
        }
        assertThat(tokens("ann", "pw-2a")).containsKey("access_token");
        try (RespClient service = redis.client()) {
            service.call("AUTH", RedisTestResource.ACL_USER, RedisTestResource.ACL_PASSWORD);
            assertThat(service.list("SCAN", "0", "MATCH", "dx0:*", "COUNT", "1000").get(1)).asList().isNotEmpty();
            assertThatThrownBy(() -> service.call("GET", "other:key")).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> service.call("FLUSHALL")).hasMessageContaining("NOPERM");
        }
    }
}
