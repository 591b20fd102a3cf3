package io.dx0.session.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.net.HostAndPort;

/**
 * Which pages may open the chat socket. In production nothing is judged from {@code Host}: only the
 * configured own origin and the allow-list; the console's own Origin recognised by host and port (dev,
 * test) never by a prefix or a look-alike.
 */
class OriginPolicyTest {

    private static final HostAndPort DX0 = HostAndPort.parseAuthority("dx0.example", -1);

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
        assertThat(OriginPolicy.sameOrigin(origin, HostAndPort.parseAuthority(host, -1))).isEqualTo(same);
    }

    @Test
    void inProductionOnlyTheOwnOriginAndTheListOpenASocketWhateverTheHostSays() {
        OriginPolicy production = new OriginPolicy(Optional.of("https://dx0.example"),
                Optional.of(List.of("https://ward.example")), false);
        assertThat(production.allows("https://dx0.example", DX0)).isTrue();
        assertThat(production.allows("HTTPS://DX0.EXAMPLE/", DX0)).as("as browsers may spell it").isTrue();
        assertThat(production.allows("https://ward.example", DX0)).isTrue();
        assertThat(production.allows("https://evil.example", DX0)).isFalse();
        assertThat(production.allows("https://evil.example", HostAndPort.parseAuthority("evil.example", -1)))
                .as("a Host the attacker chose").isFalse();
        assertThat(production.allows(null, DX0)).as("not a browser: the token decides").isTrue();
        assertThat(production.refusesEveryBrowser()).isFalse();
    }

    @Test
    void withNothingConfiguredProductionRefusesEveryBrowserPage() {
        OriginPolicy unconfigured = new OriginPolicy(Optional.empty(), Optional.empty(), false);
        assertThat(unconfigured.refusesEveryBrowser()).isTrue();
        assertThat(unconfigured.allows("https://evil.example", DX0)).isFalse();
        assertThat(unconfigured.allows("https://dx0.example", DX0)).as("not even a Host-matching one").isFalse();
        assertThat(unconfigured.allows(null, DX0)).isTrue();
    }

    @Test
    void inDevAndTestTheRequestsOwnHostAlsoCounts() {
        OriginPolicy dev = new OriginPolicy(Optional.empty(), Optional.empty(), true);
        assertThat(dev.allows("http://localhost:8080", HostAndPort.parseAuthority("localhost:8080", -1))).isTrue();
        assertThat(dev.allows("http://localhost:3000", HostAndPort.parseAuthority("localhost:8080", -1))).isFalse();
        assertThat(dev.refusesEveryBrowser()).isFalse();
    }
}
