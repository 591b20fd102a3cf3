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
    void aThousandLeavesOfOneBlockShareThatBlocksTurnAndANewcomerWaitsOneRoundPerLevel() throws InterruptedException {
        FairLines<String> lines = new FairLines<>();
        for (int net = 0; net < 1_000; net++) {
            for (int i = 0; i < 4; i++) {
                lines.add(FairLines.Tier.REST, List.of("2001:db8::/48", "2001:db8:0:" + (net >> 8) + "00::/56",
                        "2001:db8:0:" + net + "::/64"), "attack");
            }
        }
        lines.add(FairLines.Tier.REST, List.of("198.51.0.0/16", "198.51.100.0/24", "198.51.100.7"), "ward");
        assertThat(lines.lines()).isEqualTo(1_001);
        assertThat(lines.ahead(FairLines.Tier.REST, List.of("192.0.0.0/16", "192.0.2.0/24", "192.0.2.1")))
                .as("a newcomer from another block waits for one task of each block").isEqualTo(2);
        assertThat(lines.ahead(FairLines.Tier.REST, List.of("2001:db8::/48", "2001:db8:0:300::/56",
                "2001:db8:0:3ff::/64"))).as("one more /64 of the flooding /48 waits behind its whole /56's round")
                .isGreaterThan(3);
        assertThat(lines.take()).isEqualTo("attack");
        assertThat(lines.take()).as("the ward's one task is next, not after 4,000").isEqualTo("ward");
        assertThat(lines.take()).isEqualTo("attack");
    }

    @Test
    void theFirstTierGoesFirstButTheRestGetsOneTurnInFiveWhileBothWait() throws InterruptedException {
        FairLines<String> lines = new FairLines<>();
        for (int i = 0; i < 50; i++) {
            lines.add("flooder", "f" + i);
        }
        lines.add(FairLines.Tier.FIRST, List.of("user:cy"), "cy0");
        lines.add(FairLines.Tier.FIRST, List.of("user:ann"), "ann0");
        lines.add(FairLines.Tier.FIRST, List.of("user:cy"), "cy1");
        assertThat(lines.ahead(FairLines.Tier.FIRST, List.of("user:ben")))
                .as("an owner counts one round of the owners ahead, and one of the rest").isEqualTo(3);
        assertThat(lines.ahead("bystander")).as("the rest count every owner's task here, then a round").isEqualTo(4);
        assertThat(List.of(lines.take(), lines.take(), lines.take(), lines.take())).containsExactly("cy0", "ann0",
                "cy1", "f0");
        for (int i = 0; i < 8; i++) {
            lines.add(FairLines.Tier.FIRST, List.of("user:owner" + i), "o" + i);
        }
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            taken.add(lines.take());
        }
        assertThat(taken).as("owners sending without pause do not starve the rest")
                .containsExactly("o0", "o1", "o2", "o3", "f1", "o4", "o5", "o6", "o7", "f2");
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
