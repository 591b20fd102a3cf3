package io.dx0.session.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP literals only: never a DNS lookup. IPv6 comes out in one canonical form, IPv4-mapped IPv6 as IPv4. */
public final class IpAddresses {

    /** Four decimal octets of 0..255: anything else would make InetAddress.getByName ask the DNS. */
    private static final Pattern IPV4 = Pattern
            .compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

    private IpAddresses() {
    }

    /** The address of a literal ({@code 192.0.2.1}, {@code 2001:DB8::1}, {@code [::1]:8080}), or empty. */
    public static Optional<InetAddress> parse(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String s = literal.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
            s = s.substring(0, s.indexOf(':'));
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> normalise(String literal) {
        return parse(literal).map(InetAddress::getHostAddress);
    }

    /** Bits of an IPv6 address that name one site: a /64 is the smallest network handed to a customer (RFC 6177). */
    public static final int IPV6_SITE_PREFIX = 64;

    /**
     * What failed logins are counted against: an IPv4 address itself, but an IPv6 address's /64, since
     * one host may pick any of its 2^64 addresses ({@code 2001:db8:0:1:0:0:0:0/64}). Anything not an IP
     * literal (an unknown peer) is its own unit.
     */
    public static String lockoutUnit(String address) {
        return parse(address).map(ip -> {
            byte[] bytes = ip.getAddress();
            if (bytes.length == 4) {
                return ip.getHostAddress();
            }
            return block(bytes, IPV6_SITE_PREFIX);
        }).orElse(address);
    }

    /**
     * The blocks whose shares of a contended resource {@code address} is counted in, widest first: an IPv6
     * address's /48 (a site), /56 (a home or small customer) and /64 (one network, the lockout unit); an
     * IPv4 address's /16, /24 and the address itself. Anything not an IP literal is one block of its own.
     * Shares divided along this path (round robin among the /48s, then among the /56s of each, then the
     * /64s) give a thousand /64s of one /48 that /48's share, while a ward's NAT and a home user each get
     * theirs.
     */
    public static List<String> shareBlocks(String address) {
        return parse(address).map(ip -> {
            byte[] bytes = ip.getAddress();
            return bytes.length == 4 ? List.of(block(bytes, 16), block(bytes, 24), ip.getHostAddress())
                    : List.of(block(bytes, 48), block(bytes, 56), block(bytes, IPV6_SITE_PREFIX));
        }).orElse(List.of(address));
    }

    /** {@code bytes}' first {@code prefix} bits (a multiple of 8) as a CIDR block. */
    private static String block(byte[] bytes, int prefix) {
        byte[] network = Arrays.copyOf(bytes, bytes.length);
        Arrays.fill(network, prefix / 8, network.length, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first address of a lockout unit ({@code 2001:db8:0:1:0:0:0:0} of its /64), which names the unit again. */
    public static String withoutPrefix(String unit) {
        int slash = unit.indexOf('/');
        return slash < 0 ? unit : unit.substring(0, slash);
    }

    /** A CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}, or a single address). */
    public record Cidr(byte[] network, int prefix) {

        public static Cidr parse(String cidr) {
            String[] parts = cidr.strip().split("/", 2);
            InetAddress address = IpAddresses.parse(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + cidr));
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
