package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.Management;
import io.dx0.session.testsupport.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostname verification is on: the TLS Redis is reached as {@code 127.0.0.1}, a name its
 * certificate (issued for {@code localhost} by a trusted CA) does not carry, so no connection is
 * made; the service says so in readiness and refuses logins with 503 rather than talk to it.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "mode", value = "tls-wrong-host"))
class RedisTlsHostnameTest {

    @Test
    void certificateForAnotherNameIsRefused() {
        Management.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'session-store' }.status", equalTo("DOWN"));
        given().contentType("application/json").body("{\"username\":\"ben\",\"password\":\"pw-2b\"}")
                .post("/api/v1/login").then().statusCode(503).header("Retry-After", "1");
    }
}
