package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.dx0.session.audit.EventPage;
import io.dx0.session.audit.EventQuery;
import io.dx0.session.audit.EventShelf;
import io.dx0.session.audit.KeptEvent;
import io.dx0.session.audit.SecurityEvents;
import io.smallrye.mutiny.Uni;

/** Kept security events in SQL: one table, a shelf column, read newest first by id. */
final class JdbcSecurityEvents implements SecurityEvents {

    private final JdbcCalls calls;
    private final SessionRows rows;
    /** The bound on each shelf's kept events the last keep on it asked for; the purge drops what is past it. */
    private final Map<EventShelf, Integer> maxKeptEvents = new ConcurrentHashMap<>();

    JdbcSecurityEvents(JdbcCalls calls, SessionRows rows) {
        this.calls = calls;
        this.rows = rows;
    }

    @Override
    public Uni<Void> keep(KeptEvent event, EventShelf shelf, Duration keptFor, int maxKept) {
        String id = KeptEvent.sortableId(event.atMillis(), ThreadLocalRandom.current().nextLong() >>> 1);
        return calls.tx(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO security_events (id, at, type, warning, usr, "
                    + "address, fields, expires_at, shelf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(st, id, event.atMillis(), event.type(), event.warning() ? 1 : 0, event.user(), event.address(),
                        rows.toJson(event.fields()), calls.millis() + keptFor.toMillis(), shelf.ordinal())
                        .executeUpdate();
            }
            maxKeptEvents.put(shelf, maxKept);
            return null;
        });
    }

    @Override
    public Uni<EventPage> recent(EventQuery query) {
        return calls.tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT id, at, type, warning, fields FROM security_events "
                    + "WHERE at >= ? AND expires_at > ?");
            List<Object> params = new ArrayList<>(List.of(query.sinceMillis(), calls.millis()));
            if (query.before() != null) {
                sql.append(" AND id < ?");
                params.add(query.before());
            }
            if (query.user() != null) {
                sql.append(" AND usr = ?");
                params.add(query.user());
            }
            if (query.address() != null) {
                sql.append(" AND address = ?");
                params.add(query.address());
            }
            if (query.type() != null) {
                if (query.type().endsWith(".")) {
                    sql.append(" AND substr(type, 1, CAST(? AS INTEGER)) = ?");
                    params.add(query.type().length());
                } else {
                    sql.append(" AND type = ?");
                }
                params.add(query.type());
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            params.add(query.limit());
            List<KeptEvent> found = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(sql.toString());
                    ResultSet rs = bind(st, params.toArray()).executeQuery()) {
                while (rs.next()) {
                    found.add(new KeptEvent(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4) != 0,
                            rows.fields(rs.getString(5))));
                }
            }
            return EventPage.complete(found);
        });
    }

    /** Drops each shelf's events past the bound its last keep asked for (within the purge's transaction). */
    void trim(Connection c) throws SQLException {
        for (Map.Entry<EventShelf, Integer> bound : maxKeptEvents.entrySet()) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM security_events WHERE shelf = ? AND id < "
                    + "(SELECT id FROM security_events WHERE shelf = ? ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                int shelf = bound.getKey().ordinal();
                bind(st, shelf, shelf, bound.getValue() - 1).executeUpdate();
            }
        }
    }
}
