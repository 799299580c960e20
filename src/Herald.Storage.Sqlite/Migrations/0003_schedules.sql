-- Cron schedules: what every tick publishes (the validated publish headers as JSON [[name, value], ...] and the
-- body), when it fires next, and what the last tick did. `revision` changes on every write, so firing a tick is
-- conditional on the schedule not having changed since it was read.
CREATE TABLE schedules (
    tenant           TEXT    NOT NULL,
    id               TEXT    NOT NULL,
    cron             TEXT    NOT NULL,
    destination      TEXT    NOT NULL,
    queue_name       TEXT,
    headers          TEXT    NOT NULL,
    body             BLOB,
    caller_ip        TEXT,
    created_at       INTEGER NOT NULL,
    paused           INTEGER NOT NULL DEFAULT 0,
    next_time        INTEGER,
    last_time        INTEGER,
    last_message_ids TEXT,
    error            TEXT,
    revision         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, id)
) WITHOUT ROWID;

-- Due schedules, earliest first.
CREATE INDEX ix_schedules_due ON schedules (next_time) WHERE paused = 0 AND next_time IS NOT NULL;
-- A tenant's schedules in creation order.
CREATE INDEX ix_schedules_tenant ON schedules (tenant, created_at);
