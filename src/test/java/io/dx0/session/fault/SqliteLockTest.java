package io.dx0.session.fault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.SqliteLocker;
import io.dx0.session.testsupport.SqliteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The SQLite file write-locked by another process: requests that need it wait out the busy
 * timeout (5 s), then get a clear 503; once the lock is gone everything works and the file is
 * intact.
 */
@QuarkusTest
@WithTestResource(SqliteTestResource.class)
class SqliteLockTest {

    @ConfigProperty(name = "session.sqlite.path")
    String path;

    @Test
    void fileLockedByAnotherProcessGivesClear503sThenRecoversUncorrupted() throws Exception {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("amount", 5))
                .post("/api/v1/session/charges").then().statusCode(200);

        String java = ProcessHandle.current().info().command().orElse("java");
        Process locker = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SqliteLocker.class.getName(), path)).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(locker.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            long start = System.nanoTime();
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("amount", 1))
                    .post("/api/v1/session/charges").then().statusCode(503).header("Retry-After", "1")
                    .contentType("application/problem+json");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).as("waits out the busy timeout, no longer").isBetween(Duration.ofSeconds(4),
                    Duration.ofSeconds(8));
            Management.given().get("/q/health/live").then().statusCode(200);
        } finally {
            locker.getOutputStream().close();
            assertThat(locker.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("amount", 1))
                .post("/api/v1/session/charges").then().statusCode(200).body("spent", org.hamcrest.Matchers.equalTo(6.0f));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
