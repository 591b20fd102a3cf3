package io.dx0.session.storage.jdbc;

import java.sql.SQLException;

/** An {@link SQLException} carried through a {@code Uni}; the store turns it into StoreUnavailableException. */
final class SqlFailure extends RuntimeException {

    SqlFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
