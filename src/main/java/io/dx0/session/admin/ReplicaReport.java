package io.dx0.session.admin;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.dx0.session.chat.OpenSockets;
import io.quarkus.scheduler.Scheduled;

/**
 * Tells the store, every few seconds, how many chat sockets this replica holds, so the admin's
 * overview can show every replica and the total. A replica is named by its host (the pod's name on
 * Kubernetes) and a suffix of its own, so two processes on one host stay apart.
 */
@ApplicationScoped
public class ReplicaReport {

    private static final Logger LOG = Logger.getLogger(ReplicaReport.class);
    /** A report outlives three intervals: one missed report does not drop a live replica. */
    static final Duration KEPT = Duration.ofSeconds(30);

    private final Replicas replicas;
    private final OpenSockets sockets;
    private final String name;

    ReplicaReport(Replicas replicas, OpenSockets sockets,
            @ConfigProperty(name = "HOSTNAME", defaultValue = "localhost") String host) {
        this.replicas = replicas;
        this.sockets = sockets;
        this.name = host + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** This replica's name in the reports. */
    public String name() {
        return name;
    }

    /**
     * Not while the application starts or stops: a report that ran as the application stopped created the
     * store again after its disposer had closed it, leaving SQLite's thread and file open (StartStopCycleTest).
     */
    @Scheduled(every = "10s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void report() {
        replicas.report(name, sockets.openConnections(), KEPT).subscribe().with(done -> {},
                failure -> LOG.debugf("Replica report not kept: %s", failure.getMessage()));
    }
}
