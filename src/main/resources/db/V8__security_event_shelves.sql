-- Each kept security event on its shelf (0 accounts, 1 noise: refusals of clients that proved
-- nothing), each shelf bounded apart, so noise never pushes out the events about real accounts.
ALTER TABLE security_events ADD COLUMN shelf SMALLINT NOT NULL DEFAULT 0;
CREATE INDEX security_events_by_shelf ON security_events (shelf, id)
