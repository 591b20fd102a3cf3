package io.dx0.session.testsupport;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the running test application's management interface (health, metrics), on its own port. */
public final class Management {

    private Management() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    public static int port() {
        return Arc.container().instance(HttpServer.class).get().getManagementPort();
    }
}
