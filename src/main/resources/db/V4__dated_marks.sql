-- Device revocations and familiar places are both dated marks that expire: one table for both.
ALTER TABLE device_revocations RENAME TO dated_marks;
ALTER TABLE dated_marks RENAME COLUMN account TO mark_key;
ALTER TABLE dated_marks RENAME COLUMN revoked_at TO marked_at
