-- Each replica's report of itself (its open chat sockets), for the admin's overview; a report is
-- kept a little longer than the interval it is sent at, so a stopped replica drops out.
CREATE TABLE replicas (
    name       TEXT PRIMARY KEY,
    sockets    INTEGER NOT NULL,
    expires_at BIGINT NOT NULL
)
