package io.dx0.session.login;

import io.dx0.session.config.LoginSettings;

/**
 * The two rules of the login gates, from {@code session.login.*}: an address is locked out for the rest of
 * its window after {@code max-failures}; an account (or device, or account at a familiar place) backs off
 * with a growing delay after {@code account-max-failures}. Each lets {@code max-in-flight-per-*} logins be
 * checked at once, each holding its place for at most the lease.
 */
record LoginRules(GateRule address, GateRule account) {

    static LoginRules of(LoginSettings login) {
        return new LoginRules(
                GateRule.lockout(login.window(), login.maxFailures(), login.maxInFlightPerAddress(), login.attemptLease()),
                GateRule.backoff(login.accountFailureReset(), login.accountMaxFailures(), login.accountDelay(),
                        login.accountMaxDelay(), login.maxInFlightPerAccount(), login.attemptLease()));
    }
}
