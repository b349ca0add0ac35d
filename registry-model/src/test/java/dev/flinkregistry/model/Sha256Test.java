package dev.flinkregistry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final String DIGEST = "0123456789abcdef".repeat(4);

    @Test
    void acceptsOnlySixtyFourLowerCaseHexCharacters() {
        assertThat(Sha256.isDigest(DIGEST)).isTrue();
        assertThat(Sha256.isDigest(DIGEST.toUpperCase())).isFalse();
        assertThat(Sha256.isDigest(DIGEST.substring(1))).isFalse();
        assertThat(Sha256.isDigest(DIGEST + "0")).isFalse();
        assertThat(Sha256.isDigest(DIGEST.replace('a', 'g'))).isFalse();
        assertThat(Sha256.isDigest(DIGEST.substring(1) + "\n")).isFalse();
        assertThat(Sha256.isDigest(null)).isFalse();
    }

    @Test
    void normalizesUpperCaseAndRefusesTheRest() {
        assertThat(Sha256.normalize(DIGEST.toUpperCase())).isEqualTo(DIGEST);
        assertThatThrownBy(() -> Sha256.normalize("../" + DIGEST.substring(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sha256.normalize(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
