package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import io.dx0.session.login.DatedMarks;
import io.smallrye.mutiny.Uni;

/** Dated marks in SQL: one row per key with its expiry. */
final class JdbcDatedMarks implements DatedMarks {

    private final JdbcCalls calls;

    JdbcDatedMarks(JdbcCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<Void> mark(String key, long atMillis, Duration keptFor) {
        return calls.tx(c -> calls.keep(c, "dated_marks", "mark_key", "marked_at", key, atMillis, keptFor));
    }

    @Override
    public Uni<Long> markedAt(String key) {
        return calls.tx(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT marked_at FROM dated_marks WHERE mark_key = ? AND expires_at > ?");
                    ResultSet rs = bind(st, key, calls.millis()).executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }
}
