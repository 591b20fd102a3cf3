package io.dx0.session.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Replica reports: kept until they run out. Run on every backend by its store test. */
interface ReplicasContract extends StoreHarness {

    @Test
    default void replicasReportTheirSocketsUntilTheirReportsRunOut() {
        await(store().report("pod-a", 3, Duration.ofMillis(500)));
        await(store().report("pod-b", 1, Duration.ofSeconds(30)));
        await(store().report("pod-a", 4, Duration.ofMillis(500)));
        assertThat(await(otherReplica().reported())).containsExactly(Map.entry("pod-a", 4), Map.entry("pod-b", 1));
        elapse(Duration.ofMillis(600));
        assertThat(await(store().reported())).as("pod-a stopped reporting").containsExactly(Map.entry("pod-b", 1));
    }
}
