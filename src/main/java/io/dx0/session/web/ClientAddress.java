package io.dx0.session.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.dx0.session.config.LoginSettings;
import io.dx0.session.net.IpAddresses;
import io.dx0.session.net.IpAddresses.Cidr;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client IP a login is counted against. It is the peer address, unless the peer is one of
 * {@code session.login.trusted-proxies}: only then are the hops of the one header those proxies set
 * ({@code session.login.client-ip-header}: {@code X-Forwarded-For} or {@code Forwarded}) read, right
 * to left, skipping trusted ones. The other header is never read, so a client cannot slip its own
 * choice past a proxy that sets only one; a header from an untrusted peer changes nothing.
 */
@ApplicationScoped
public class ClientAddress {

    /** The header names {@code session.login.client-ip-header} accepts. */
    public static final String X_FORWARDED_FOR = "x-forwarded-for";
    public static final String FORWARDED = "forwarded";

    private final List<Cidr> trustedProxies;
    private final boolean readForwarded;

    @Inject
    ClientAddress(LoginSettings config) {
        this(config.trustedProxies().orElse(List.of()), config.clientIpHeader());
    }

    ClientAddress(List<String> trustedProxies, String header) {
        this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
        this.readForwarded = FORWARDED.equalsIgnoreCase(header);
    }

    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return of(peer == null ? null : peer.hostAddress(), request.headers());
    }

    /** The client of a request from {@code peerAddress} carrying {@code headers}. */
    String of(String peerAddress, MultiMap headers) {
        return resolve(peerAddress, readForwarded ? forwardedHops(headers) : xForwardedForHops(headers));
    }

    /** The client among {@code peer} and the forwarded {@code hops} (left to right). */
    String resolve(String peerAddress, List<String> hops) {
        Optional<InetAddress> peer = IpAddresses.parse(peerAddress);
        if (peer.isEmpty()) {
            return "unknown";
        }
        InetAddress client = peer.get();
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return client.getHostAddress();
    }

    /** The canonical form of an IP literal, as logins are counted under it. */
    public Optional<String> normalise(String ip) {
        return IpAddresses.normalise(ip);
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    /** Hops left to right, from every {@code X-Forwarded-For} line. */
    private static List<String> xForwardedForHops(MultiMap headers) {
        List<String> hops = new ArrayList<>();
        headers.getAll(X_FORWARDED_FOR).forEach(header -> hops.addAll(List.of(header.split(","))));
        return hops;
    }

    /** Hops left to right: the {@code for=} of every element of every {@code Forwarded} line (RFC 7239). */
    private static List<String> forwardedHops(MultiMap headers) {
        List<String> hops = new ArrayList<>();
        for (String header : headers.getAll(FORWARDED)) {
            for (String element : header.split(",")) {
                for (String pair : element.split(";")) {
                    String[] kv = pair.strip().split("=", 2);
                    if (kv.length == 2 && kv[0].equalsIgnoreCase("for")) {
                        hops.add(kv[1].replace("\"", ""));
                    }
                }
            }
        }
        return hops;
    }
}
