package io.dx0.session.chat.socket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import io.dx0.session.testsupport.LogCapture;
import io.dx0.session.testsupport.RawWebSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Frames the chat socket refuses, decided from the frames themselves: a message over
 * {@code session.ws.max-message-bytes} (16 KiB) sent in fragments each well under it is closed with 1009 when
 * the fragment that crosses the limit arrives; a frame the decoder refuses, with the status it names.
 */
@QuarkusTest
class MessageSizeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aMessageGrowingPastTheLimitInFragmentsIsClosedWith1009() throws Exception {
        String access = login();
        byte[] part = "x".repeat(6_000).getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket socket = RawWebSocket.open(base.getPort(), access)) {
            OutputStream out = socket.out();
            out.write(RawWebSocket.fragment(true, false,
                    "{\"action\":\"question\",\"content\":\"".getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < 3; i++) {
                out.write(RawWebSocket.fragment(false, false, part));
            }
            out.flush();
            assertThat(socket.closeCode()).as("18 KB in four fragments").isEqualTo(1009);
        }
    }

    @Test
    void aFrameTheDecoderRefusesIsClosedWithItsStatusAndLogsNoError() throws Exception {
        String access = login();
        try (LogCapture log = LogCapture.of(""); RawWebSocket socket = RawWebSocket.open(base.getPort(), access)) {
            // 5 bytes announced in the 16-bit form, which RFC 6455 forbids below 126
            socket.out().write(new byte[] { (byte) 0x81, (byte) (0x80 | 126), 0, 5, 1, 2, 3, 4, 'h', 'e', 'l', 'l', 'o' });
            socket.out().flush();
            assertThat(socket.closeCode()).as("protocol error").isEqualTo(1002);
            assertThat(log.records()).as("a client's malformed frame is no error of the service")
                    .noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue());
        }
    }

    private static String login() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "ann", "password", "pw-2a"))
                .post("/api/v1/login").then().statusCode(200).extract().path("access_token");
    }
}
