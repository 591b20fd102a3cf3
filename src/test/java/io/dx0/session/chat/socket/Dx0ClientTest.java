package io.dx0.session.chat.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.dx0.session.testsupport.TripwireRedis;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What Dx0's own web UI does, frame by frame (issue 38): it adds every frame to the conversation and
 * reads the totals from the frame that says {@code done}. Test config: budget 25, the bundled demo case.
 */
@QuarkusTest
@WithTestResource(TripwireRedis.class)
class Dx0ClientTest {

    @TestHTTPResource("/")
    URL base;

    private static final Map<String, String> ORIGIN = Map.of("Origin", "http://localhost:3000");

    @Test
    void theWebUisSequenceGetsTheFramesDx0Sends() throws Exception {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + token, ORIGIN)) {
            List<JsonNode> question = ws.exchange("question", "Is the cough worse at night?");
            assertThat(question).hasSize(2);
            assertChunk(question.get(0), "A 30 year old presents with a dry cough for three weeks. ");
            assertEnd(question.get(1), "The cough is worse at night and after exercise. ", "0", "0", "25");
            assertThat(question.get(1).get("ordered_tests")).isEmpty();

            List<JsonNode> test = ws.exchange("test", "complete blood count");
            assertThat(test).hasSize(2);
            assertChunk(test.get(0), "complete blood count: ");
            assertEnd(test.get(1),
                    "White cell count, haemoglobin and platelets within normal limits; eosinophils mildly raised.",
                    "10", "10", "15");
            assertThat(test.get(1).get("ordered_tests")).extracting(JsonNode::asText).containsExactly("complete blood count");

            List<JsonNode> diagnosis = ws.exchange("diagnosis", "asthma");
            assertThat(diagnosis).hasSize(1);
            assertThat(diagnosis.get(0).get("code").asText()).isEqualTo("not_supported");
            assertThat(ws.isClosed()).isFalse();
        }
        try (WsClient again = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + token, ORIGIN)) {
            List<JsonNode> reconnected = again.exchange("question", "Any smoking?");
            assertThat(reconnected).as("a one-chunk reply is one frame").hasSize(1);
            assertEnd(reconnected.get(0), "There is no history of smoking. ", "0", "10", "15");
            assertThat(reconnected.get(0).get("ordered_tests")).extracting(JsonNode::asText)
                    .containsExactly("complete blood count");
        }
    }

    @Test
    void whereDx0ServedItsPageTheConsoleIsFound() {
        given().redirects().follow(false).get("/api/v1").then().statusCode(302).header("Location", "http://localhost:"
                + base.getPort() + "/");
    }

    @Test
    void anUpgradeWithoutATokenIsRefusedWith401AsTheContractSays() throws Exception {
        assertThat(WsClient.upgradeStatus(base.getPort(), "/api/v1/ws", ORIGIN)).isEqualTo(401);
    }

    private static void assertChunk(JsonNode frame, String reply) {
        assertThat(frame.get("reply").asText()).isEqualTo(reply);
        assertThat(frame.get("done").asBoolean()).isFalse();
        assertThat(frame.has("cost")).as("totals only on the last chunk").isFalse();
    }

    private static void assertEnd(JsonNode frame, String reply, String cost, String totalSpent, String remaining) {
        assertThat(frame.get("reply").asText()).isEqualTo(reply);
        assertThat(frame.get("done").asBoolean()).isTrue();
        assertThat(frame.get("cost").decimalValue()).isEqualByComparingTo(cost);
        assertThat(frame.get("total_spent").decimalValue()).isEqualByComparingTo(totalSpent);
        assertThat(frame.get("remaining_budget").decimalValue()).isEqualByComparingTo(remaining);
    }
}
