package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.dx0.session.chat.Budgets;
import io.dx0.session.chat.ChargeOutcome;
import io.dx0.session.session.Budget;
import io.smallrye.mutiny.Uni;

/** Budgets in SQL: the limit and spend on the session's row, a charge under its row lock. */
final class JdbcBudgets implements Budgets {

    private final JdbcCalls calls;
    private final SessionRows rows;

    JdbcBudgets(JdbcCalls calls, SessionRows rows) {
        this.calls = calls;
        this.rows = rows;
    }

    @Override
    public Uni<ChargeOutcome> charge(String sessionId, long amount, String orderedItem, String idempotencyKey) {
        return calls.tx(c -> {
            long now = calls.millis();
            long limit;
            long spent;
            long absolute;
            String tests;
            try (PreparedStatement st = c.prepareStatement("SELECT budget_limit, spent, absolute_expiry, ordered_tests "
                    + "FROM sessions WHERE id = ? AND expires_at > ?" + calls.db.dialect().lockRows());
                    ResultSet rs = bind(st, sessionId, now).executeQuery()) {
                if (!rs.next()) {
                    return ChargeOutcome.NO_SESSION;
                }
                limit = rs.getLong(1);
                spent = rs.getLong(2);
                absolute = rs.getLong(3);
                tests = rs.getString(4);
            }
            Budget budget = Budget.fromStored(limit, spent);
            if (idempotencyKey != null) {
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT 1 FROM charge_keys WHERE session_id = ? AND charge_key = ?");
                        ResultSet rs = bind(st, sessionId, idempotencyKey).executeQuery()) {
                    if (rs.next()) {
                        return new ChargeOutcome(ChargeOutcome.Status.DUPLICATE, budget);
                    }
                }
            }
            if (!budget.fits(amount)) {
                return new ChargeOutcome(ChargeOutcome.Status.EXCEEDED, budget);
            }
            List<String> ordered = new ArrayList<>(rows.tests(tests));
            if (orderedItem != null) {
                ordered.add(orderedItem);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE sessions SET spent = ?, ordered_tests = ? WHERE id = ?")) {
                bind(st, spent + amount, rows.toJson(ordered), sessionId).executeUpdate();
            }
            if (idempotencyKey != null) {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO charge_keys (session_id, charge_key, expires_at) VALUES (?, ?, ?)")) {
                    bind(st, sessionId, idempotencyKey, absolute).executeUpdate();
                }
            }
            return new ChargeOutcome(ChargeOutcome.Status.CHARGED, Budget.fromStored(limit, spent + amount));
        });
    }

    @Override
    public Uni<Budget> setBudgetLimit(String sessionId, Long limit) {
        return updateLimit("UPDATE sessions SET budget_limit = ? WHERE id = ? AND expires_at > ? RETURNING budget_limit, spent",
                Budget.storedLimit(limit), sessionId);
    }

    @Override
    public Uni<Budget> lowerBudgetLimit(String sessionId, long limit) {
        return updateLimit("UPDATE sessions SET budget_limit = CASE WHEN budget_limit < 0 OR budget_limit > ? THEN ? "
                + "ELSE budget_limit END WHERE id = ? AND expires_at > ? RETURNING budget_limit, spent",
                limit, limit, sessionId);
    }

    /** Runs a limit UPDATE whose last parameter, appended here, is "now". */
    private Uni<Budget> updateLimit(String sql, Object... params) {
        return calls.tx(c -> {
            Object[] all = Arrays.copyOf(params, params.length + 1);
            all[params.length] = calls.millis();
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = bind(st, all).executeQuery()) {
                return rs.next() ? Budget.fromStored(rs.getLong(1), rs.getLong(2)) : null;
            }
        });
    }
}
