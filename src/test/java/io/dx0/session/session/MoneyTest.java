package io.dx0.session.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsWithAtMostTwoDecimalsBecomeExactCents() {
        assertThat(Money.toMinor(new BigDecimal("0"))).isZero();
        assertThat(Money.toMinor(new BigDecimal("0.01"))).isEqualTo(1);
        assertThat(Money.toMinor(new BigDecimal("1.50"))).isEqualTo(150);
        assertThat(Money.toMinor(new BigDecimal("1.500"))).as("trailing zeros are not precision").isEqualTo(150);
        assertThat(Money.toMinor(new BigDecimal("1E+2"))).isEqualTo(10_000);
        assertThat(Money.toMinor(Money.MAX)).as("the largest amount").isEqualTo(1_000_000_000_000L);
    }

    @Test
    void negativeTooLargeOrFinerThanACentIsRefused() {
        for (String refused : new String[] { "-0.01", "-1", "0.001", "1.005", "10000000000.01", "1E+11" }) {
            assertThatThrownBy(() -> Money.toMinor(new BigDecimal(refused))).as(refused)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2 decimals");
        }
    }

    @Test
    void centsReadBackWithTwoDecimals() {
        assertThat(Money.fromMinor(0L)).isEqualTo(new BigDecimal("0.00"));
        assertThat(Money.fromMinor(150L)).isEqualTo(new BigDecimal("1.50"));
        assertThat(Money.fromMinor(1_000_000_000_000L)).isEqualTo(new BigDecimal("10000000000.00"));
        assertThat(Money.fromMinor((Long) null)).as("no limit stays no limit").isNull();
        assertThat(Money.fromMinor(Long.valueOf(7))).isEqualTo(new BigDecimal("0.07"));
    }
}
