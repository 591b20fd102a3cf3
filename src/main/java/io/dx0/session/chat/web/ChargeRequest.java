package io.dx0.session.chat.web;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /session/charges}: an amount in currency units with at most two decimals. */
public record ChargeRequest(
        @NotNull @DecimalMin(value = "0.01") @DecimalMax("10000000000") @Digits(integer = 11, fraction = 2) BigDecimal amount,
        @Size(max = 64) String category,
        @Size(min = 1, max = 128) @Pattern(regexp = "[\\x21-\\x7e]+",
                message = "must be printable ASCII") String idempotencyKey) {
}
