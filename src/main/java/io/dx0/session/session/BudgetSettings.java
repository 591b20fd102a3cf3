package io.dx0.session.session;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Each session's spending budget: {@code session.budget.*}. */
@ConfigMapping(prefix = "session.budget")
public interface BudgetSettings {
    /** Spend limit of a new session; unlimited when absent. */
    Optional<@PositiveOrZero BigDecimal> defaultLimit();

    /** Per-group overrides of {@link #defaultLimit()}: {@code session.budget.group-limits.admin=1000}. */
    @WithName("group-limits")
    Map<String, @PositiveOrZero BigDecimal> groupLimits();
}
