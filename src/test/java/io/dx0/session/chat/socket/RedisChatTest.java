package io.dx0.session.chat.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.dx0.session.testsupport.RespClient;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat protocol on the redis backend, and what a chat sees while Redis is down. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RedisChatTest extends ChatScenarios {

    @InjectServer
    RedisServer redis;

    /**
     * Redis stopped mid-chat: the open socket answers each message with an {@code unavailable}
     * frame and stays open, a new upgrade is refused with 503, and once Redis is back (with the
     * snapshot taken before it stopped) the same socket chats again and a logout still closes it.
     */
    @Test
    void redisStoppedMidChatAnswersUnavailableKeepsTheSocketAndRecovers() throws Exception {
        try (WsClient ws = open()) {
            assertThat(ws.exchange("test", "complete blood count")).last()
                    .satisfies(f -> assertThat(f.get("total_spent").decimalValue()).isEqualByComparingTo("10"));
            try (RespClient admin = redis.client()) {
                admin.call("SAVE");
            }
            redis.kill();
            try {
                JsonNode frame = ws.exchange("question", "Any fever?").get(0);
                assertThat(frame.get("code").asText()).isEqualTo("unavailable");
                assertThat(frame.get("error").asText()).contains("unavailable");
                assertThat(ws.isClosed()).as("the socket is kept").isFalse();
                assertThat(upgrade("/api/v1/ws?token=" + access, ORIGIN)).as("new upgrade").isEqualTo(503);
            } finally {
                redis.restart();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !ws.exchange("question", "Any fever?").get(0).has("error"));
            JsonNode last = ws.exchange("test", "basic metabolic panel").get(0);
            assertThat(last.get("code").asText()).as("the spend from before the outage is still counted")
                    .isEqualTo("budget_exceeded");
            assertThat(ws.isClosed()).isFalse();

            try (RespClient admin = redis.client()) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> admin.list("PUBSUB", "NUMSUB", "dx0:ended").get(1).equals("1"));
            }
            given().auth().oauth2(access).post("/api/v1/logout").then().statusCode(200);
            assertThat(ws.awaitClose(Duration.ofSeconds(5))).as("ended-session channel resubscribed").isEqualTo(1008);
        }
    }
}
