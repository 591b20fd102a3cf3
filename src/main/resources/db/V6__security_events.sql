-- Security events every replica logged, kept for session.security-log.kept-for and at most
-- session.security-log.kept-max of them (the purge drops the rest). The id sorts by time.
CREATE TABLE security_events (
    id         TEXT PRIMARY KEY,
    at         BIGINT NOT NULL,
    type       TEXT NOT NULL,
    warning    SMALLINT NOT NULL,
    usr        TEXT,
    address    TEXT,
    fields     TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX security_events_by_user ON security_events (usr, id);
CREATE INDEX security_events_by_address ON security_events (address, id);
CREATE INDEX security_events_by_expiry ON security_events (expires_at)
