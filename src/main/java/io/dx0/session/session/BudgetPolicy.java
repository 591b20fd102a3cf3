package io.dx0.session.session;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

/** A new session's spend limit: its group's override, else the default, else unlimited. */
@ApplicationScoped
public class BudgetPolicy {

    private final BudgetSettings config;

    BudgetPolicy(BudgetSettings config) {
        this.config = config;
        this.config.defaultLimit().ifPresent(Money::toMinor);
        this.config.groupLimits().values().forEach(Money::toMinor);
    }

    /** Minor units; null for unlimited. */
    public Long limitFor(String group) {
        BigDecimal limit = config.groupLimits().getOrDefault(group, config.defaultLimit().orElse(null));
        return limit == null ? null : Money.toMinor(limit);
    }
}
