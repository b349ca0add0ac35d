package dev.flinkregistry.server.upload;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which hosts a JAR download may reach: by default none that resolve to loopback, private,
 * link-local, carrier-grade NAT, multicast, documentation, benchmarking or reserved addresses,
 * nor IPv6 addresses that embed such an IPv4 address (IPv4-mapped, -compatible and -translated,
 * NAT64, 6to4, Teredo), nor cloud metadata names, nor numeric hosts that parsers read differently.
 *
 * <p>The check resolves the host, but the HTTP client resolves it again when it connects, so a
 * DNS server that answers differently the second time (rebinding) can slip past it. Closing that
 * gap means connecting to the checked address ourselves, which the JDK client does not allow; the
 * hostname rules and allowed URL prefixes are the practical defence.
 */
final class AddressPolicy {

    private static final Set<String> REFUSED_NAMES = Set.of("localhost", "metadata", "instance-data");
    private static final String[] REFUSED_SUFFIXES = {".localhost", ".internal", ".local", ".home.arpa"};
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] LOCAL_NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};
    private static final byte[] TRANSLATED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};
    /** The last label of a name that is a number (decimal, octal or hex), which makes the whole host an IPv4 address. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private final boolean enforced;
    private final Predicate<InetAddress> exempt;

    private AddressPolicy(boolean enforced, Predicate<InetAddress> exempt) {
        this.enforced = enforced;
        this.exempt = exempt;
    }

    /** Refuses every host that is not, or does not resolve only to, public addresses. */
    static AddressPolicy publicOnly() {
        return new AddressPolicy(true, address -> false);
    }

    /** Allows every host; for registries whose JARs live on the same private network. */
    static AddressPolicy anyAddress() {
        return new AddressPolicy(false, address -> false);
    }

    /** Like {@link #publicOnly()} but trusting the given addresses; lets tests use a local server. */
    static AddressPolicy publicOnlyExcept(InetAddress... trusted) {
        Set<InetAddress> allowed = Set.of(trusted);
        return new AddressPolicy(true, allowed::contains);
    }

    /**
     * Throws {@link UrlNotAllowedException} unless the host, and every address it resolves to,
     * may be reached; throws {@link UnknownHostException} if it does not resolve.
     */
    void check(String host) throws UnknownHostException {
        if (!enforced) {
            return;
        }
        String name = bare(host);
        Optional<String> nameRefusal = refusalOfName(name);
        if (nameRefusal.isPresent()) {
            throw new UrlNotAllowedException("The host '" + name + "' is not allowed: " + nameRefusal.get());
        }
        for (InetAddress address : InetAddress.getAllByName(name)) {
            Optional<String> refusal = exempt.test(address) ? Optional.empty() : refusalOf(address);
            if (refusal.isPresent()) {
                String what = isLiteral(name) ? "The address " + name
                        : "The host '" + name + "' resolves to " + address.getHostAddress() + ", which";
                throw new UrlNotAllowedException(
                        what + " is not public (" + refusal.get() + ") and may not be downloaded from");
            }
        }
    }

    /**
     * Why a host name is refused before it is even resolved, if it is. A host whose last label is
     * a number is an IPv4 address, and only four decimal numbers without leading zeros read the
     * same everywhere: {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433} and {@code 127.1} are
     * 127.0.0.1 to the C library and to browsers, other addresses or no address at all to Java, so
     * the check and a connection could disagree about where they lead.
     */
    static Optional<String> refusalOfName(String host) {
        String name = bare(host);
        if (name.indexOf(':') < 0 && NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()
                && !DOTTED_QUAD.matcher(name).matches()) {
            return Optional.of("a numeric host must be four decimal numbers a.b.c.d without leading zeros; "
                    + "other forms (octal, hexadecimal, fewer parts) are read as different addresses by different software");
        }
        if (REFUSED_NAMES.contains(name)) {
            return Optional.of("it names this machine or a cloud metadata service");
        }
        for (String suffix : REFUSED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return Optional.of("names under '" + suffix + "' are local or internal");
            }
        }
        return Optional.empty();
    }

    /** The kind of non-public address this is (e.g. "loopback"), if it is one. */
    static Optional<String> refusalOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            return refusalOfIpv6(address.getAddress());
        }
        if (address instanceof Inet4Address) {
            return refusalOfIpv4(address.getAddress());
        }
        return Optional.of("unrecognised");
    }

    private static Optional<String> refusalOfIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127) {
            return Optional.of("loopback");
        }
        if (first == 0) {
            return Optional.of("unspecified");
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
            return Optional.of("private");
        }
        if (first == 169 && second == 254) {
            return Optional.of("link-local");
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT");
        }
        if ((first == 192 && second == 0 && b[2] == 2) || (first == 198 && second == 51 && (b[2] & 0xff) == 100)
                || (first == 203 && second == 0 && (b[2] & 0xff) == 113)) {
            return Optional.of("documentation");
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return Optional.of("benchmarking");
        }
        if ((first == 192 && second == 0 && b[2] == 0) || (first == 192 && second == 88 && (b[2] & 0xff) == 99)) {
            return Optional.of("reserved");
        }
        if (first >= 224 && first < 240) {
            return Optional.of("multicast");
        }
        if (first >= 240) {
            return Optional.of("reserved or broadcast");
        }
        return Optional.empty();
    }

    private static Optional<String> refusalOfIpv6(byte[] b) {
        boolean zeroPrefix = isZero(b, 0, 12);
        if (zeroPrefix && isZero(b, 12, 15)) {
            if (b[15] == 1) {
                return Optional.of("loopback");
            }
            if (b[15] == 0) {
                return Optional.of("unspecified");
            }
        }
        boolean mapped = isZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean translated = Arrays.equals(b, 0, 12, TRANSLATED_PREFIX, 0, 12);
        boolean nat64 = Arrays.equals(b, 0, 12, NAT64_PREFIX, 0, 12);
        if (zeroPrefix || mapped || translated || nat64) {
            // IPv4-compatible, -mapped, -translated and NAT64 addresses reach the IPv4 address they embed.
            return refusalOfIpv4(Arrays.copyOfRange(b, 12, 16)).map(kind -> "IPv4-embedding " + kind);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            // 6to4 (2002::/16) tunnels to the IPv4 address in bits 16-47.
            return refusalOfIpv4(Arrays.copyOfRange(b, 2, 6)).map(kind -> "6to4 to " + kind);
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            // Teredo (2001::/32): the server's IPv4 address, and the client's with its bits inverted.
            byte[] client = Arrays.copyOfRange(b, 12, 16);
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i];
            }
            return refusalOfIpv4(Arrays.copyOfRange(b, 4, 8)).or(() -> refusalOfIpv4(client))
                    .map(kind -> "Teredo to " + kind);
        }
        return refusalOfIpv6Range(b);
    }

    /** Ranges that embed no IPv4 address. */
    private static Optional<String> refusalOfIpv6Range(byte[] b) {
        if (Arrays.equals(b, 0, 6, LOCAL_NAT64_PREFIX, 0, 6)) {
            return Optional.of("local-use NAT64");
        }
        if (b[0] == 0x01 && isZero(b, 1, 8)) {
            return Optional.of("discard-only");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
            return Optional.of("documentation");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0x02 && b[4] == 0 && b[5] == 0) {
            return Optional.of("benchmarking");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("unique-local");
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("site-local");
        }
        if (b[0] == (byte) 0xff) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    private static boolean isLiteral(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name. */
    private static String bare(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
