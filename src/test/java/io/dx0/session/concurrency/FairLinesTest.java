package io.dx0.session.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FairLinesTest {

    private static List<String> takeAll(FairLines<String> lines) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        while (lines.size() > 0) {
            taken.add(lines.take());
        }
        return taken;
    }

    @Test
    void aKeyThatAddsManyGetsOneTurnPerRoundAndTheOthersWaitAtMostOneRound() throws InterruptedException {
        FairLines<String> lines = new FairLines<>();
        for (int i = 0; i < 6; i++) {
            lines.add("flooder", "f" + i);
        }
        lines.add("ann", "a0");
        lines.add("ben", "b0");
        lines.add("ann", "a1");
        assertThat(lines.lines()).isEqualTo(3);
        assertThat(takeAll(lines)).containsExactly("f0", "a0", "b0", "f1", "a1", "f2", "f3", "f4", "f5");
        assertThat(lines.lines()).as("empty lines are forgotten").isZero();
    }

    @Test
    void whatIsAheadOfANewTaskCountsOnlyTheRoundsItWaits() {
        FairLines<String> lines = new FairLines<>();
        for (int i = 0; i < 100; i++) {
            lines.add("flooder", "f" + i);
        }
        lines.add("ann", "a0");
        assertThat(lines.ahead("ben")).as("a newcomer waits one round: one of each line").isEqualTo(2);
        assertThat(lines.ahead("ann")).as("ann's second: her first, then two rounds of the flooder").isEqualTo(3);
        assertThat(lines.ahead("flooder")).as("the flooder's next: its own 100, and ann's one").isEqualTo(101);
    }

    @Test
    void takersWaitForWorkAndAreReleasedByClose() throws Exception {
        FairLines<String> lines = new FairLines<>();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread taker = new Thread(() -> {
            try {
                for (String task = lines.take(); task != null; task = lines.take()) {
                    seen.add(task);
                }
                seen.add("closed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        lines.add("ann", "a0");
        org.awaitility.Awaitility.await().until(() -> seen.contains("a0"));
        lines.close();
        taker.join(5_000);
        assertThat(seen).containsExactly("a0", "closed");
    }
}
