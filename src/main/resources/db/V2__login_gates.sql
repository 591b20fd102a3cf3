ALTER TABLE failure_events ADD COLUMN tag TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS login_in_flight (
    failure_key TEXT NOT NULL,
    attempt_id  TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (failure_key, attempt_id)
);
CREATE INDEX IF NOT EXISTS login_in_flight_by_expiry ON login_in_flight (expires_at);
CREATE TABLE IF NOT EXISTS device_revocations (
    account    TEXT PRIMARY KEY,
    revoked_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS device_revocations_by_expiry ON device_revocations (expires_at)
