package io.dx0.session.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dx0.session.session.Budget;
import io.dx0.session.session.Session;
import io.dx0.session.storage.backend.SessionJson;

/** Maps rows of the {@code sessions} table (see {@code db/V1__sessions.sql}). */
final class SessionRows {

    static final String COLUMNS = "id, username, grp, created_at, last_access, expires_at, absolute_expiry, "
            + "budget_limit, spent, ordered_tests, metadata";

    private final SessionJson json;

    SessionRows(ObjectMapper json) {
        this.json = new SessionJson(json);
    }

    Session read(ResultSet rs) throws SQLException {
        return new Session(rs.getString(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                Budget.fromStored(rs.getLong(8), rs.getLong(9)), json.tests(rs.getString(10)),
                json.metadata(rs.getString(11)));
    }

    /** The session in the first row, or null. */
    Session one(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? read(rs) : null;
        }
    }

    List<Session> all(PreparedStatement st) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                sessions.add(read(rs));
            }
        }
        return sessions;
    }

    /** A kept event's fields, as {@link #toJson} wrote them. */
    Map<String, String> fields(String stored) {
        return json.metadata(stored);
    }

    String toJson(Object value) {
        return json.write(value);
    }

    List<String> tests(String value) {
        return json.tests(value);
    }

    /** Binds {@code values} to the statement's parameters, in order. */
    static PreparedStatement bind(PreparedStatement st, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Long l) {
                st.setLong(i + 1, l);
            } else if (v instanceof Integer n) {
                st.setLong(i + 1, n);
            } else {
                st.setString(i + 1, (String) v);
            }
        }
        return st;
    }
}
