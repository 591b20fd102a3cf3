package io.dx0.session.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.net.HostAndPort;

/** The console's own Origin is recognised by host and port, never by a prefix or a look-alike. */
class SameOriginTest {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:8080, localhost:8080, true",
            "http://LOCALHOST:8080, localhost:8080, true",
            "https://dx0.example, dx0.example, true",
            "https://dx0.example, dx0.example:443, true",
            "https://dx0.example:443, dx0.example, true",
            "http://dx0.example, dx0.example:80, true",
            "http://[::1]:8080, [::1]:8080, true",
            "http://localhost:8081, localhost:8080, false",
            "http://dx0.example, dx0.example:8080, false",
            "https://evil.example, dx0.example, false",
            "https://dx0.example.evil.com, dx0.example, false",
            "https://evil.com/dx0.example, dx0.example, false",
            "null, dx0.example, false",
            "file://dx0.example, dx0.example, false",
            "http://[::1], [::1]:8080, false"
    })
    void originMatchesTheRequestsHost(String origin, String host, boolean same) {
        assertThat(ChatUpgradeCheck.sameOrigin(origin, HostAndPort.parseAuthority(host, -1))).isEqualTo(same);
    }
}
