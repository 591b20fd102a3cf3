package io.dx0.session.chat.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.RawWebSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A client that sends pings and never reads the pongs (issue 35): Vert.x answers every ping before any
 * handler of the service hears of it, so without a bound the pongs pile up in direct memory (131 MB of
 * pings once took 125 MB, and 700 MB on five sockets ended the process in OutOfMemoryError). Here the
 * frame budget is lifted so the pings flow, and the bound on unsent bytes alone must cut the socket.
 */
@QuarkusTest
@TestProfile(UnreadSocketTest.PingsUnbudgeted.class)
class UnreadSocketTest {

    /** The frame budget lifted so that pings flow, and the smallest allowed bound on unsent bytes. */
    public static class PingsUnbudgeted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("session.ws.max-invalid-frames", "100000000", "session.ws.max-unsent-bytes", "16384");
        }
    }

    private static final long GIVE_UP_BYTES = 512L << 20;

    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry registry;

    @Test
    void aSocketThatNeverReadsIsCutWithinItsBoundAndOthersAreServedThroughout() throws Exception {
        String access = login();
        double cutBefore = cut();
        long sent = 0;
        IOException cutOff = null;
        try (RawWebSocket socket = RawWebSocket.open(base.getPort(), access)) {
            OutputStream out = socket.out();
            byte[] batch = RawWebSocket.pings(1000);
            while (sent < GIVE_UP_BYTES) {
                out.write(batch);
                sent += batch.length;
                if (sent % (8L << 20) < batch.length) {
                    given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
                }
            }
        } catch (IOException e) {
            cutOff = e;
        }
        assertThat(cutOff).as("the server cut the socket off (after %d bytes of pings)", sent).isNotNull();
        // the kernel's buffers on both sides take a few MB of it before the bound is reached
        assertThat(sent).as("bytes of pings taken before the cut").isLessThan(64L << 20);
        assertThat(cut()).isGreaterThan(cutBefore);
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
        System.out.printf("a socket that never read its pongs was cut after %.1f MB of pings%n", sent / 1e6);
    }

    /**
     * The bench's flood (bench/bounds.sh, 20 sockets writing frames as fast as the kernel took them) kept the
     * event loops decoding: a polite client's GET /session took 3.2 s at p99, with 503s. A socket far ahead of
     * its answers is now no longer read, then cut.
     */
    @Test
    void aSocketFarAheadOfItsAnswersIsNoLongerReadThenCutAndOthersAreServed() throws Exception {
        String access = login();
        double cutBefore = cut("too_many_frames");
        long sent = 0;
        IOException cutOff = null;
        try (RawWebSocket socket = RawWebSocket.open(base.getPort(), access)) {
            OutputStream out = socket.out();
            byte[] batch = new byte[0];
            byte[] nonsense = RawWebSocket.text("{\"action\":\"nonsense\"}");
            for (int i = 0; i < 2_000; i++) {
                batch = java.util.Arrays.copyOf(batch, batch.length + nonsense.length);
                System.arraycopy(nonsense, 0, batch, batch.length - nonsense.length, nonsense.length);
            }
            while (sent < GIVE_UP_BYTES) {
                out.write(batch);
                sent += batch.length;
            }
        } catch (IOException e) {
            cutOff = e;
        }
        assertThat(cutOff).as("the server cut the socket off (after %d bytes of frames)", sent).isNotNull();
        assertThat(sent).as("bytes of frames taken before the cut").isLessThan(16L << 20);
        assertThat(cut("too_many_frames")).isGreaterThan(cutBefore);
        given().auth().oauth2(access).get("/api/v1/session").then().statusCode(200);
        System.out.printf("a socket far ahead of its answers was cut after %.1f MB of frames%n", sent / 1e6);
    }

    private double cut() {
        return cut("not_reading");
    }

    private double cut(String reason) {
        var counter = registry.find("dx0.chat.sockets.cut").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String login() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
    }
}
