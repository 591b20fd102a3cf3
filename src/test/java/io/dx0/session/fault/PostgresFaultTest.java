package io.dx0.session.fault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RealTime;
import io.dx0.session.testsupport.RestartablePostgres;
import io.dx0.session.testsupport.RestartablePostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** PostgreSQL connections cut and the server restarted under a running service: the pool recovers by itself. */
@QuarkusTest
@WithTestResource(RestartablePostgresResource.class)
class PostgresFaultTest {

    @InjectServer
    RestartablePostgres postgres;

    private static String login(String ip) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("username", "ann", "password", "pw-2a")).post("/api/v1/login").then().statusCode(200)
                .extract().path("access_token");
    }

    @Test
    void terminatedConnectionsAndARestartCostAFewClear503sAndLoseNothing() {
        String token = login("198.51.100.30");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("amount", 4))
                .post("/api/v1/session/charges").then().statusCode(200);

        assertThat(postgres.terminateOtherConnections()).as("pooled connections cut").isPositive();
        int[] failures = { 0 };
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int status = given().auth().oauth2(token).get("/api/v1/session").statusCode();
            assertThat(status).isIn(200, 503);
            failures[0] += status == 503 ? 1 : 0;
            return status == 200;
        });
        System.out.printf("pg_terminate_backend: %d request(s) answered 503 before the pool recovered%n", failures[0]);

        postgres.stop();
        long start = System.nanoTime();
        given().auth().oauth2(token).get("/api/v1/session").then().statusCode(503).header("Retry-After", "1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast while down").isLessThan(Duration.ofSeconds(6));
        Management.given().get("/q/health/ready").then().statusCode(503);
        Management.given().get("/q/health/live").then().statusCode(200);
        RealTime.elapse(Duration.ofSeconds(2));
        postgres.restart();
        long restarted = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(token).get("/api/v1/session").statusCode() == 200);
        System.out.printf("PostgreSQL restart: served again %d ms after it was back%n",
                (System.nanoTime() - restarted) / 1_000_000);
        given().auth().oauth2(token).get("/api/v1/session").then().body("budget.spent", org.hamcrest.Matchers.equalTo(4.0f));
        Management.given().get("/q/health/ready").then().statusCode(200);
        login("198.51.100.31");
    }
}
