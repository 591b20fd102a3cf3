CREATE TABLE IF NOT EXISTS sessions (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL,
    grp             TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    last_access     BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    absolute_expiry BIGINT NOT NULL,
    budget_limit    BIGINT NOT NULL,
    spent           BIGINT NOT NULL,
    ordered_tests   TEXT NOT NULL,
    metadata        TEXT NOT NULL,
    refresh_hash    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_username ON sessions (username, expires_at);
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS rotated_refresh (
    session_id TEXT NOT NULL,
    hash       TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, hash)
);
CREATE INDEX IF NOT EXISTS rotated_refresh_by_expiry ON rotated_refresh (expires_at);
CREATE TABLE IF NOT EXISTS charge_keys (
    session_id TEXT NOT NULL,
    charge_key TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, charge_key)
);
CREATE INDEX IF NOT EXISTS charge_keys_by_expiry ON charge_keys (expires_at);
CREATE TABLE IF NOT EXISTS rate_events (
    session_id TEXT NOT NULL,
    at         BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_events_by_session ON rate_events (session_id, at);
CREATE INDEX IF NOT EXISTS rate_events_by_expiry ON rate_events (expires_at);
CREATE TABLE IF NOT EXISTS failure_keys (
    failure_key TEXT PRIMARY KEY,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS failure_keys_by_expiry ON failure_keys (expires_at);
CREATE TABLE IF NOT EXISTS failure_events (
    failure_key TEXT NOT NULL,
    at          BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS failure_events_by_key ON failure_events (failure_key, at);
CREATE INDEX IF NOT EXISTS failure_events_by_expiry ON failure_events (expires_at)
