package io.dx0.session.login;

import java.util.List;

import io.dx0.session.concurrency.FairLines.Tier;
import io.dx0.session.net.IpAddresses;

/**
 * Where a password check waits for bcrypt: an owner (a valid device token of the account, or the
 * account's familiar place) in the first tier, its turns shared by place ({@link IpAddresses#lockoutUnit})
 * then account, so an address that logs into many accounts gets one place's share among the owners, not
 * one per account; anyone else behind every owner, its turns shared by address block
 * ({@link IpAddresses#shareBlocks}). Only the rest is shared by block: an owner proved an account's
 * password or holds its device token, and no block of addresses makes anyone the owner of accounts
 * it does not hold, while a ward's clinicians on neighbouring addresses each get their place's share.
 */
public record CheckTurn(Tier tier, List<String> path) {

    public static CheckTurn owner(String account, String clientAddress) {
        return new CheckTurn(Tier.FIRST, List.of(IpAddresses.lockoutUnit(clientAddress), account));
    }

    public static CheckTurn from(String clientAddress) {
        return new CheckTurn(Tier.REST, IpAddresses.shareBlocks(clientAddress));
    }

    public boolean isOwner() {
        return tier == Tier.FIRST;
    }
}
