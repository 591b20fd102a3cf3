package io.dx0.session.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Clients that hold what they can (issue 35, finding 1): bodies trickled one byte at a time. Before, each
 * took a {@code rest} admission permit before its body was read: 60 of them held every permit, and every
 * other caller's {@code GET /session} was answered 503. Here the path has 4 places, so the attack would
 * take every place 15 times over. (The other half of the finding, zero-window HTTP/2 streams, has no way
 * in: the API port serves no HTTP/2, {@code OperationsTest.theApiPortServesNoCleartextHttp2ByDefault}.)
 */
@QuarkusTest
@TestProfile(SlowClientsTest.FourPlaces.class)
class SlowClientsTest {

    public static class FourPlaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("session.overload.rest.initial-limit", "4");
            config.put("session.overload.rest.min-limit", "4");
            config.put("session.overload.rest.max-limit", "4");
            config.put("session.overload.rest.max-queue-delay", "1ms");
            config.put("session.http.body-timeout", "6s");
            return config;
        }
    }

    private static final int TRICKLED = 60;

    @TestHTTPResource("/")
    URL base;

    @Test
    void trickledBodiesAndZeroWindowStreamsHoldNoPermitAndOthersAreServed() throws Exception {
        String access = given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
        List<Socket> trickling = new ArrayList<>();
        try {
            for (int i = 0; i < TRICKLED; i++) {
                Socket s = new Socket("127.0.0.1", base.getPort());
                s.getOutputStream().write(("POST /api/v1/refresh HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                trickling.add(s);
            }

            // measured while every body is still held: well inside their 6 s deadline, whatever the machine's pace
            List<Long> millis = new ArrayList<>();
            long measureUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            for (int i = 0; i < 220 && System.nanoTime() < measureUntil; i++) {
                if (i % 10 == 0) {
                    for (Socket s : trickling) {
                        s.getOutputStream().write(' ');
                    }
                }
                long started = System.nanoTime();
                given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
                if (i >= 20) { // the first calls of a fresh test client warm it up
                    millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
            }
            assertThat(millis).as("calls measured while the bodies were held").hasSizeGreaterThanOrEqualTo(50);
            millis.sort(null);
            long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
            assertThat(p99).as("p99 of GET /session while held, ms (all %s)", millis).isLessThanOrEqualTo(100);

            // the trickled bodies end in 408 at their deadline, each on a closed connection
            for (Socket s : trickling) {
                s.setSoTimeout(10_000);
                String answer = head(s.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer.toLowerCase()).contains("connection: close");
            }
            System.out.printf("GET /session beside %d trickled bodies: p99 %d ms, max %d ms%n", TRICKLED, p99,
                    millis.get(millis.size() - 1));
        } finally {
            for (Socket s : trickling) {
                s.close();
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && !head.toString().endsWith("\r\n\r\n")) {
            head.append((char) b);
        }
        return head.toString();
    }
}
