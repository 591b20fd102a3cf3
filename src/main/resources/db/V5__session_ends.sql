-- Sessions ended on one PostgreSQL replica, kept a few minutes for replicas whose LISTEN connection was
-- lost when the NOTIFY was sent (read back when they listen again). SQLite has one process and keeps none.
CREATE TABLE session_ends (
    session_id TEXT NOT NULL,
    ended_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX session_ends_by_time ON session_ends (ended_at);
CREATE INDEX session_ends_by_expiry ON session_ends (expires_at)
