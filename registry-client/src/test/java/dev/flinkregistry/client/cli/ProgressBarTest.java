package dev.flinkregistry.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aSmallUploadIsCountedInKilobytesAndALargeOneInMegabytes() {
        StringWriter small = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(small), "tiny.jar");
        bar.sent(10_240, 20_480);
        bar.sent(20_480, 20_480);
        assertThat(small.toString()).contains("50% 10.2 kB / 20.5 kB", "100% 20.5 kB / 20.5 kB").doesNotContain("MB");

        assertThat(ProgressBar.size(1_500_000, 3_000_000)).isEqualTo("1.5 MB");
        assertThat(ProgressBar.size(999_999, 999_999)).isEqualTo("1000.0 kB");
    }
}
