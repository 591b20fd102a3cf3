package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A Dx0 users file in its short form ({@code name: "<hash>"}) starts the service and logs in. */
@QuarkusTest
@TestProfile(ShortFormUsersFileTest.ShortForm.class)
class ShortFormUsersFileTest {

    public static class ShortForm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.users-file", "src/test/resources/short-form-users.yml");
        }
    }

    @Test
    void shortFormUserLogsInInGroupDefault() {
        String access = given().contentType(ContentType.JSON).body(Map.of("username", "ben", "password", "pw-2b"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200)
                .body("username", equalTo("ben")).body("group", equalTo("default"));
        given().contentType(ContentType.JSON).body(Map.of("username", "root", "password", "secret-admin"))
                .post("/api/v1/login").then().statusCode(200);
    }
}
