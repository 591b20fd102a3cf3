package io.dx0.session.rest;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

/** {@code PUT /admin/sessions/{id}/budget}: the new limit; null or absent for unlimited. */
public record BudgetLimitRequest(
        @DecimalMin("0") @DecimalMax("10000000000") @Digits(integer = 11, fraction = 2) BigDecimal limit) {
}
