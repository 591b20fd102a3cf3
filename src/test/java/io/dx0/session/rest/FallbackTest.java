package io.dx0.session.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** session.fallback=memory: Redis is unreachable at start-up, so the service runs on memory and says so. */
@QuarkusTest
@TestProfile(FallbackTest.UnreachableRedis.class)
class FallbackTest {

    public static class UnreachableRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.backend", "redis", "session.fallback", "memory",
                    "quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void unreachableBackendAtStartRunsOnMemoryAndReadinessSaysSo() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'session-store' }.data.backend", equalTo("memory (fallback from redis)"));
        String access = RestFlowScenarios.tokens("ann", "pw-2a").get("access_token").toString();
        assertThat(RestFlowScenarios.sessionStatus(access)).isEqualTo(200);
    }
}
