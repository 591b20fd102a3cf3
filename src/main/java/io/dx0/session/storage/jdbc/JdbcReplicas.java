package io.dx0.session.storage.jdbc;

import static io.dx0.session.storage.jdbc.SessionRows.bind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.dx0.session.admin.Replicas;
import io.smallrye.mutiny.Uni;

/** Replica reports in SQL: one row per replica with its expiry. */
final class JdbcReplicas implements Replicas {

    private final JdbcCalls calls;

    JdbcReplicas(JdbcCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<Void> report(String replica, int sockets, Duration keptFor) {
        return calls.tx(c -> calls.keep(c, "replicas", "name", "sockets", replica, sockets, keptFor));
    }

    @Override
    public Uni<Map<String, Integer>> reported() {
        return calls.tx(c -> {
            Map<String, Integer> found = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT name, sockets FROM replicas WHERE expires_at > ?");
                    ResultSet rs = bind(st, calls.millis()).executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getInt(2));
                }
            }
            return found;
        });
    }
}
