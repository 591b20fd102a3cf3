package io.dx0.session.session;

import java.math.BigDecimal;

/** Amounts cross the API as decimals with at most two places and live in the stores as integer cents. */
public final class Money {

    /** The largest amount accepted anywhere: 10^12 cents keeps every sum exact in Lua's doubles too. */
    public static final BigDecimal MAX = BigDecimal.valueOf(10_000_000_000L);

    private Money() {
    }

    /** Cents of a non-negative amount with at most two decimal places. */
    public static long toMinor(BigDecimal amount) {
        if (amount.signum() < 0 || amount.compareTo(MAX) > 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount must be between 0 and " + MAX + " with at most 2 decimals");
        }
        return amount.movePointRight(2).longValueExact();
    }

    public static BigDecimal fromMinor(long minor) {
        return BigDecimal.valueOf(minor, 2);
    }

    public static BigDecimal fromMinor(Long minor) {
        return minor == null ? null : fromMinor(minor.longValue());
    }
}
