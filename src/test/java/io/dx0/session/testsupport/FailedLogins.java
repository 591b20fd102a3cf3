package io.dx0.session.testsupport;

import io.dx0.session.login.GateKeys;
import io.dx0.session.storage.backend.SessionStore;

/**
 * Forgets the failed logins a test's users left behind at the tests' address (127.0.0.1): under the
 * address, each account and each account's familiar place there, as {@link GateKeys} names them.
 */
public final class FailedLogins {

    public static final String TEST_ADDRESS = "127.0.0.1";

    private FailedLogins() {
    }

    public static void forget(SessionStore store, String... usernames) {
        for (String username : usernames) {
            for (String key : GateKeys.failureKeys(username, TEST_ADDRESS)) {
                store.clearFailures(key).await().indefinitely();
            }
        }
    }
}
