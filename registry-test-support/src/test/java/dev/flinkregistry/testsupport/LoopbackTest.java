package dev.flinkregistry.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void nothingListensOnTheClosedAddress() {
        int port = URI.create(Loopback.closedAddress()).getPort();

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }
}
