package dev.flinkregistry.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FamilyTest {

    @Test
    void readsEveryWireNameBackToItsFamily() {
        for (Family family : Family.values()) {
            assertThat(Family.fromWireName(family.wireName())).contains(family);
        }
        assertThat(Arrays.stream(Family.values()).map(Family::wireName)).doesNotHaveDuplicates();
    }

    @Test
    void knowsNoFamilyByAnotherSpellingOrCase() {
        assertThat(Family.fromWireName("TABLE-CONNECTOR")).isEmpty();
        assertThat(Family.fromWireName("table_connector")).isEmpty();
        assertThat(Family.fromWireName("")).isEmpty();
        assertThat(Family.fromWireName(null)).isEmpty();
    }

    @Test
    void formatIsSatisfiedByEitherFormatFamilyOnly() {
        assertThat(Family.FORMAT.satisfiedBy(Family.DECODING_FORMAT)).isTrue();
        assertThat(Family.FORMAT.satisfiedBy(Family.ENCODING_FORMAT)).isTrue();
        assertThat(Family.FORMAT.satisfiedBy(Family.TABLE_CONNECTOR)).isFalse();
        assertThat(Family.DECODING_FORMAT.satisfiedBy(Family.ENCODING_FORMAT)).isFalse();
        assertThat(Family.CATALOG.satisfiedBy(Family.CATALOG)).isTrue();
        assertThat(Family.FORMAT.isFactoryFamily()).isFalse();
        assertThat(Family.MODULE.isFactoryFamily()).isTrue();
    }

    @Test
    void printsAsItsWireName() {
        assertThat(Family.TABLE_CONNECTOR).hasToString("table-connector");
        assertThat(Family.wireNames()).startsWith("table-connector, decoding-format, encoding-format, catalog");
    }
}
