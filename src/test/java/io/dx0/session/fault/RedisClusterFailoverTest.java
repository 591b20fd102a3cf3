package io.dx0.session.fault;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.InjectServer;
import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RedisCluster;
import io.dx0.session.testsupport.RedisServer;
import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A Redis Cluster master killed, its replica promoted (as ElastiCache does on a failover): the
 * service follows the new topology by itself, keeps every replicated session and their budgets,
 * and serves new logins, without a restart.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "cluster-replicas"))
class RedisClusterFailoverTest {

    @InjectServer
    RedisCluster cluster;

    @Test
    void killedMasterIsReplacedByItsReplicaAndTheServiceFollows() {
        List<String> tokens = new ArrayList<>();
        // 30 sessions spread over the slots, 10 per user (session.max-sessions-per-user keeps 10 per user).
        String[][] users = { { "ann", "pw-2a" }, { "cy", "pw-2y" }, { "root", "secret-admin" } };
        for (int i = 0; i < 30; i++) {
            String[] user = users[i % users.length];
            String token = given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100." + (20 + i))
                    .body(Map.of("username", user[0], "password", user[1])).post("/api/v1/login").then().statusCode(200)
                    .extract().path("access_token");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("amount", 2))
                    .post("/api/v1/session/charges").then().statusCode(200);
            tokens.add(token);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(cluster::replicasCaughtUp);

        RedisServer master = cluster.nodes().get(0);
        RedisServer replica = cluster.replicas().get(0);
        long killedAt = System.nanoTime();
        master.kill();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> RedisCluster.isMaster(replica));
        long promotedMillis = (System.nanoTime() - killedAt) / 1_000_000;

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> tokens.stream()
                .allMatch(t -> given().auth().oauth2(t).get("/api/v1/session").statusCode() == 200));
        long servedMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("cluster failover: replica promoted %d ms after the kill, all sessions served at %d ms%n",
                promotedMillis, servedMillis);

        for (String token : tokens) {
            given().auth().oauth2(token).get("/api/v1/session").then().statusCode(200).body("budget.spent",
                    org.hamcrest.Matchers.equalTo(2.0f));
        }
        for (int i = 0; i < 10; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100." + (120 + i))
                    .body(Map.of("username", "ben", "password", "pw-2b")).post("/api/v1/login").then().statusCode(200);
        }
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
