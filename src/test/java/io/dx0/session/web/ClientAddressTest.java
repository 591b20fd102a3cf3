package io.dx0.session.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.dx0.session.net.IpAddresses;
import io.vertx.core.MultiMap;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"),
            ClientAddress.X_FORWARDED_FOR);

    @Test
    void spoofedForwardedForFromAnUntrustedPeerChangesNothing() {
        assertThat(behindProxies.resolve("198.51.100.9", List.of("1.2.3.4"))).isEqualTo("198.51.100.9");
        assertThat(new ClientAddress(List.of(), ClientAddress.X_FORWARDED_FOR).resolve("10.0.0.1", List.of("1.2.3.4")))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void forwardedForFromATrustedProxyIsReadRightToLeftSkippingTrustedHops() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("6.6.6.6", "203.0.113.7", "10.9.9.9")))
                .as("the client cannot choose its IP by prepending hops").isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("10.2.2.2", "10.3.3.3"))).isEqualTo("10.2.2.2");
    }

    @Test
    void anUnparsableHopStopsTheWalkAtTheLastTrustedAddress() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.7", "evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("unknown"))).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6IsNormalisedWithPortsBracketsAndMappedForms() {
        assertThat(behindProxies.resolve("fd00::1", List.of("[2001:DB8:0::1]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(behindProxies.resolve("10.0.0.1", List.of("::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("10.0.0.1", List.of("203.0.113.7:8080"))).isEqualTo("203.0.113.7");
        assertThat(behindProxies.normalise("2001:db8::1")).contains("2001:db8:0:0:0:0:0:1");
        assertThat(behindProxies.normalise("localhost")).as("never a DNS lookup").isEmpty();
        for (String notALiteral : List.of("203.0.113.300", "1.2.3.999", "256.1.1.1", "01.2.3.4", "1.2.3")) {
            long started = System.nanoTime();
            assertThat(behindProxies.normalise(notALiteral)).as(notALiteral).isEmpty();
            assertThat(behindProxies.resolve("10.0.0.1", List.of(notALiteral))).isEqualTo("10.0.0.1");
            assertThat(System.nanoTime() - started).as("no DNS lookup for " + notALiteral).isLessThan(50_000_000L);
        }
    }

    @Test
    void badTrustedProxyConfigurationStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"), ClientAddress.X_FORWARDED_FOR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal"), ClientAddress.X_FORWARDED_FOR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6IsCountedPerSlash64AndIpv4PerAddress() {
        assertThat(IpAddresses.lockoutUnit("2001:db8:aa:bb:1:2:3:4")).isEqualTo("2001:db8:aa:bb:0:0:0:0/64");
        assertThat(IpAddresses.lockoutUnit("2001:db8:aa:bb:ffff::9")).isEqualTo(IpAddresses.lockoutUnit("2001:db8:aa:bb::1"));
        assertThat(IpAddresses.lockoutUnit("2001:db8:aa:bc::1")).isNotEqualTo(IpAddresses.lockoutUnit("2001:db8:aa:bb::1"));
        assertThat(IpAddresses.lockoutUnit("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(IpAddresses.lockoutUnit("unknown")).isEqualTo("unknown");
    }

    @Test
    void sharesAreDividedBySlash48Slash56Slash64AndBySlash16Slash24AndAddress() {
        assertThat(IpAddresses.shareBlocks("2001:db8:aa:bbcc:1:2:3:4")).containsExactly("2001:db8:aa:0:0:0:0:0/48",
                "2001:db8:aa:bb00:0:0:0:0/56", "2001:db8:aa:bbcc:0:0:0:0/64");
        assertThat(IpAddresses.shareBlocks("2001:db8:aa:bbcc::9").get(2))
                .isEqualTo(IpAddresses.lockoutUnit("2001:db8:aa:bbcc::1"));
        assertThat(IpAddresses.shareBlocks("203.0.113.7")).containsExactly("203.0.0.0/16", "203.0.113.0/24",
                "203.0.113.7");
        assertThat(IpAddresses.shareBlocks("::ffff:203.0.113.7")).as("IPv4-mapped is IPv4")
                .containsExactly("203.0.0.0/16", "203.0.113.0/24", "203.0.113.7");
        assertThat(IpAddresses.shareBlocks("unknown")).containsExactly("unknown");
    }

    @Test
    void xForwardedForIsReadFromEveryLineAndForwardedIgnored() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
                .add("X-Forwarded-For", "10.9.9.9")
                .add("Forwarded", "for=198.51.100.1");
        assertThat(behindProxies.of("10.1.2.3", headers)).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of(null, headers)).as("no peer address").isEqualTo("unknown");
        assertThat(behindProxies.of("10.1.2.3", MultiMap.caseInsensitiveMultiMap())).as("no header").isEqualTo("10.1.2.3");
    }

    /** RFC 7239: the {@code for=} of every element of every line, quoted or not, any case; other pairs ignored. */
    @Test
    void forwardedIsReadFromEveryElementAndXForwardedForIgnored() {
        ClientAddress forwarded = new ClientAddress(List.of("10.0.0.0/8"), ClientAddress.FORWARDED);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Forwarded", "for=6.6.6.6;proto=https, For=\"[2001:db8::7]:4711\";by=10.0.0.1")
                .add("Forwarded", "for=10.9.9.9")
                .add("X-Forwarded-For", "198.51.100.1");
        assertThat(forwarded.of("10.1.2.3", headers)).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(forwarded.of("10.1.2.3", MultiMap.caseInsensitiveMultiMap().add("Forwarded", "by=10.0.0.1;proto=http;for")))
                .as("an element without a for= value names no hop").isEqualTo("10.1.2.3");
    }
}
