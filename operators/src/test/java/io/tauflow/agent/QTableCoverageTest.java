package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QTableCoverageTest {

    @Test
    void sumsEachSymbolsLatestRowCountOverTheirStateSpace() {
        QTableCoverage c = new QTableCoverage(100);
        assertThat(c.rows()).isZero();
        assertThat(c.coverage()).isZero();

        c.update("AAA", 10);
        c.update("BBB", 30);
        assertThat(c.rows()).isEqualTo(40);
        assertThat(c.coverage()).isCloseTo(40.0 / 200, within(1e-12));

        c.update("AAA", 25); // AAA's table grew: its latest count replaces the old one
        c.update("BBB", 30);
        assertThat(c.rows()).isEqualTo(55);
        assertThat(c.coverage()).isCloseTo(55.0 / 200, within(1e-12));
    }

    @Test
    void needsAStateSpace() {
        assertThatThrownBy(() -> new QTableCoverage(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
