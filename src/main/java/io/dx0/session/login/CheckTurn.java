package io.dx0.session.login;

import java.util.List;

import io.dx0.session.concurrency.FairLines.Tier;
import io.dx0.session.net.IpAddresses;

/**
 * Where a password check waits for bcrypt: an owner (a valid device token of the account, or the
 * account's familiar place) in the first tier, its turns shared per account; anyone else behind every
 * owner, its turns shared by address block ({@link IpAddresses#shareBlocks}).
 */
public record CheckTurn(Tier tier, List<String> path) {

    public static CheckTurn owner(String account) {
        return new CheckTurn(Tier.FIRST, List.of(account));
    }

    public static CheckTurn from(String clientAddress) {
        return new CheckTurn(Tier.REST, IpAddresses.shareBlocks(clientAddress));
    }

    public boolean isOwner() {
        return tier == Tier.FIRST;
    }
}
