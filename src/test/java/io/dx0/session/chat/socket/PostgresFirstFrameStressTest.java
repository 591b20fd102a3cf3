package io.dx0.session.chat.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.dx0.session.testsupport.PostgresTestResource;
import io.dx0.session.testsupport.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * ADR 0015's reproduction, kept so it can be rerun; not part of verify (about a minute). A new socket
 * whose upgrade check ends with a PostgreSQL call, and a first frame sent the moment the 101 is read:
 * before the fix 4 in 300 got no answer with both cores busy, after it none. Run
 * {@code ./mvnw -B test -Dtest=PostgresFirstFrameStressTest -Ddx0.stress=true} with the CPU loaded,
 * e.g. by two {@code sh -c 'while :; do :; done'}.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@EnabledIfSystemProperty(named = "dx0.stress", matches = "true")
class PostgresFirstFrameStressTest {

    @TestHTTPResource("/")
    URL base;

    @RepeatedTest(300)
    void theFirstFrameOnANewSocketIsAnswered() throws Exception {
        String access = given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        try (WsClient ws = WsClient.connect(base.getPort(), "/api/v1/ws?token=" + access + "&budget=5",
                ChatScenarios.ORIGIN)) {
            assertThat(ws.exchange("test", "complete blood count").get(0).get("code").asText())
                    .isEqualTo("budget_exceeded");
        }
    }
}
