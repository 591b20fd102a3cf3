package io.dx0.session.admin;

import java.time.Duration;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * What each replica reports of itself, for the admin's overview: its open chat sockets. A report is
 * kept for {@code keptFor}; a replica that stopped reporting (stopped, crashed) drops out after it.
 */
public interface Replicas {

    /** Replaces {@code replica}'s report. */
    Uni<Void> report(String replica, int sockets, Duration keptFor);

    /** The replicas whose report is still kept, by name, with their sockets. */
    Uni<Map<String, Integer>> reported();
}
