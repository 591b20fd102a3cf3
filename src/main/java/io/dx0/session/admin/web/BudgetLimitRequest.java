package io.dx0.session.admin.web;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code PUT /admin/sessions/{id}/budget}: the new limit, required; an explicit {@code null} makes the
 * budget unlimited. An empty body is a mistake (422), never a quiet "unlimited".
 */
public record BudgetLimitRequest(
        @JsonProperty(required = true) @DecimalMin("0") @DecimalMax("10000000000") @Digits(integer = 11,
                fraction = 2) BigDecimal limit) {
}
