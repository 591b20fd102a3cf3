package io.dx0.session.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dx0.session.concurrency.FairLines;
import io.dx0.session.net.IpAddresses;

class CheckTurnTest {

    @Test
    void anOwnersTurnsAreSharedByPlaceThenAccountAndTheRestsByAddressBlock() {
        assertThat(CheckTurn.owner("bench01", "10.9.9.9").path()).containsExactly("10.9.9.9", "bench01");
        assertThat(CheckTurn.owner("ann", "2001:db8:aa:bbcc::1").path())
                .containsExactly(IpAddresses.lockoutUnit("2001:db8:aa:bbcc::9"), "ann");
        assertThat(CheckTurn.from("10.9.9.9").path()).containsExactly("10.9.0.0/16", "10.9.9.0/24", "10.9.9.9");
        assertThat(CheckTurn.owner("ann", "10.9.9.9").isOwner()).isTrue();
        assertThat(CheckTurn.from("10.9.9.9").isOwner()).isFalse();
    }

    @Test
    void anAddressOwningSixteenAccountsGetsOnePlacesShareAmongTheOwners() throws InterruptedException {
        FairLines<String> lines = new FairLines<>();
        for (int round = 0; round < 4; round++) {
            for (int account = 1; account <= 16; account++) {
                CheckTurn flood = CheckTurn.owner("bench" + account, "10.9.9.9");
                lines.add(flood.tier(), flood.path(), "flood");
            }
        }
        CheckTurn bystander = CheckTurn.owner("bench17", "10.9.9.10");
        assertThat(lines.ahead(bystander.tier(), bystander.path()))
                .as("a bystander owner from the next address waits for one of the flooder's, not one per account")
                .isEqualTo(1);
        lines.add(bystander.tier(), bystander.path(), "bystander");
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            taken.add(lines.take());
        }
        assertThat(taken).containsExactly("flood", "bystander");
    }
}
