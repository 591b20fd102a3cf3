package io.dx0.session.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void nothingThatEndsStartsOrHidesALineGetsThrough() {
        assertThat(LogSafe.escape("y\nFORGED event=admin.user.revoked"))
                .isEqualTo("y\\u000aFORGED\\u0020event\\u003dadmin.user.revoked");
        assertThat(LogSafe.escape("a\r\u0000b")).isEqualTo("a\\u000d\\u0000b");
        assertThat(LogSafe.escape("evil\u202Etxt.exe")).as("bidi override").isEqualTo("evil\\u202etxt.exe");
        assertThat(LogSafe.escape("x\u2028y\u2029z\u200Bw\u0085v")).isEqualTo("x\\u2028y\\u2029z\\u200bw\\u0085v");
        assertThat(LogSafe.escape("q\"uote\\")).isEqualTo("q\\u0022uote\\u005c");
        assertThat(LogSafe.escape("lone\uD800surrogate")).isEqualTo("lone\\ud800surrogate");
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(LogSafe.escape("ann")).isEqualTo("ann");
        assertThat(LogSafe.escape("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(LogSafe.escape("Zoë-Ωmega_😀")).isEqualTo("Zoë-Ωmega_😀");
        assertThat(LogSafe.escape(null)).isEqualTo("-");
    }

    @Test
    void longValuesAreCutAndSaySo() {
        String cut = LogSafe.escape("a".repeat(1000));
        assertThat(cut).startsWith("a".repeat(LogSafe.MAX_CODE_POINTS)).endsWith("...(+800)");
        assertThat(cut).hasSize(LogSafe.MAX_CODE_POINTS + "...(+800)".length());
    }
}
