package dev.flinkregistry.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal addresses and names refused before resolution: these tests need no DNS. */
class AddressPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, loopback",
        "127.255.255.254, loopback",
        "0.0.0.0, unspecified",
        "10.0.0.1, private",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.168.1.1, private",
        "169.254.169.254, link-local",
        "169.254.0.1, link-local",
        "100.64.0.1, carrier-grade NAT",
        "100.127.255.255, carrier-grade NAT",
        "192.0.0.1, reserved",
        "192.88.99.1, reserved",
        "192.0.2.1, documentation",
        "198.51.100.7, documentation",
        "203.0.113.255, documentation",
        "198.18.0.1, benchmarking",
        "198.19.255.255, benchmarking",
        "224.0.0.1, multicast",
        "239.255.255.250, multicast",
        "240.0.0.1, reserved or broadcast",
        "255.255.255.255, reserved or broadcast",
    })
    void refusesNonPublicIpv4Addresses(String literal, String kind) throws UnknownHostException {
        assertThat(AddressPolicy.refusalOf(InetAddress.getByName(literal))).contains(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "::1, loopback",
        "::, unspecified",
        "fe80::1, link-local",
        "febf:ffff::1, link-local",
        "fec0::1, site-local",
        "fc00::1, unique-local",
        "fd12:3456:789a::1, unique-local",
        "ff02::1, multicast",
        "::127.0.0.1, IPv4-embedding loopback",
        "::10.1.2.3, IPv4-embedding private",
        "64:ff9b::a9fe:a9fe, IPv4-embedding link-local",
        "64:ff9b::a00:1, IPv4-embedding private",
        "::ffff:0:7f00:1, IPv4-embedding loopback",
        "64:ff9b:1::808:808, local-use NAT64",
        "2002:7f00:1::, 6to4 to loopback",
        "2002:c0a8:101::1, 6to4 to private",
        "2002:a9fe:a9fe::, 6to4 to link-local",
        "2001:0:4136:e378:8000:63bf:80ff:fffe, Teredo to loopback",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe, Teredo to private",
        "2001:0:a00:1::, Teredo to private",
        "2001:db8::1, documentation",
        "2001:db8:ffff::1, documentation",
        "2001:2::1, benchmarking",
        "100::1, discard-only",
    })
    void refusesNonPublicIpv6Addresses(String literal, String kind) throws UnknownHostException {
        assertThat(AddressPolicy.refusalOf(InetAddress.getByName(literal))).contains(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, IPv4-embedding loopback",
        "10.0.0.1, IPv4-embedding private",
        "169.254.169.254, IPv4-embedding link-local",
        "100.64.0.1, IPv4-embedding carrier-grade NAT",
    })
    void refusesIpv4MappedIpv6FormsOfNonPublicAddresses(String ipv4, String kind) throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, mapped, 12, 4);
        // InetAddress.getByName would turn ::ffff:a.b.c.d into an Inet4Address; keep the IPv6 form.
        Inet6Address address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(AddressPolicy.refusalOf(address)).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "192.169.0.1", "169.253.255.255", "223.255.255.255", "2001:4860:4860::8888", "2606:4700:4700::1111",
        "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
        "2001:4860::1", "2001:db9::1", "198.17.255.255", "198.20.0.1", "203.0.114.1", "192.0.3.1",
    })
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(AddressPolicy.refusalOf(InetAddress.getByName(literal))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "localhost", "LOCALHOST.", "api.localhost", "metadata", "metadata.google.internal",
        "Metadata.Google.Internal.", "instance-data", "printer.local", "router.home.arpa",
    })
    void refusesLocalAndMetadataHostNamesWithoutResolvingThem(String host) {
        assertThatThrownBy(() -> AddressPolicy.publicOnly().check(host))
                .isInstanceOf(UrlNotAllowedException.class)
                .hasMessageContaining("is not allowed");
    }

    /** What the C library, curl and browsers read as 127.0.0.1 or 10.0.0.1, and Java differently or not at all. */
    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f.1", "0x7f000001", "2130706433", "127.1", "127.0.1", "012.0.0.1",
        "10.0.0.01", "0x0a.0.0.1", "1.2.3.4.5", "example.123", "example.0x1f", "127.0.0.1.1", "00.0.0.0"})
    void refusesNumericHostsThatAreNotFourPlainDecimalNumbers(String host) {
        assertThat(AddressPolicy.refusalOfName(host)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("four decimal numbers"));
        assertThatThrownBy(() -> AddressPolicy.publicOnly().check(host)).isInstanceOf(UrlNotAllowedException.class)
                .hasMessageContaining("four decimal numbers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "0.0.0.0", "255.255.255.255", "example.com", "1.example", "0x.example",
        "[2001:db8::127.0.0.1]", "::1"})
    void takesPlainDottedQuadsNamesAndIpv6LiteralsAsWritten(String host) {
        assertThat(AddressPolicy.refusalOfName(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]",
        "[::127.0.0.1]", "[2002:7f00:1::]", "[64:ff9b::7f00:1]", "169.254.169.254", "10.0.0.1", "192.0.2.1",
        "[2001:db8::1]"})
    void refusesHostsThatAreNonPublicAddressLiterals(String host) {
        assertThatThrownBy(() -> AddressPolicy.publicOnly().check(host))
                .isInstanceOfSatisfying(UrlNotAllowedException.class,
                        e -> assertThat(e.code()).isEqualTo("URL_NOT_ALLOWED"))
                .hasMessageContaining("is not public");
    }

    @Test
    void allowsPublicAddressLiterals() {
        assertThatCode(() -> AddressPolicy.publicOnly().check("8.8.8.8")).doesNotThrowAnyException();
        assertThatCode(() -> AddressPolicy.publicOnly().check("[2001:4860:4860::8888]")).doesNotThrowAnyException();
    }

    @Test
    void allowsEverythingWhenPrivateAddressesAreAllowed() {
        assertThatCode(() -> AddressPolicy.anyAddress().check("127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> AddressPolicy.anyAddress().check("metadata.google.internal")).doesNotThrowAnyException();
    }

    @Test
    void trustsOnlyTheExemptedAddresses() throws UnknownHostException {
        AddressPolicy policy = AddressPolicy.publicOnlyExcept(InetAddress.getByName("127.0.0.1"));

        assertThatCode(() -> policy.check("127.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("127.0.0.2")).isInstanceOf(UrlNotAllowedException.class);
        assertThatThrownBy(() -> policy.check("localhost")).isInstanceOf(UrlNotAllowedException.class);
    }
}
