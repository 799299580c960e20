-- URL groups (QStash "topics"): a name and its endpoints, in the order they were added.
CREATE TABLE url_groups (
    tenant     TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant, name)
) WITHOUT ROWID;

CREATE TABLE url_group_endpoints (
    id       INTEGER PRIMARY KEY,
    tenant   TEXT    NOT NULL,
    grp      TEXT    NOT NULL,
    url      TEXT    NOT NULL,
    name     TEXT
);

CREATE INDEX ix_url_group_endpoints ON url_group_endpoints (tenant, grp, id);

-- Queues: FIFO lanes with a parallelism; created on first enqueue.
CREATE TABLE queues (
    tenant      TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    parallelism INTEGER NOT NULL,
    paused      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant, name)
) WITHOUT ROWID;

-- Flow-control keys: the limits in force (the last message's, unless pinned).
CREATE TABLE flow_keys (
    tenant             TEXT    NOT NULL,
    key                TEXT    NOT NULL,
    parallelism        INTEGER,
    rate               INTEGER,
    period_ms          INTEGER NOT NULL,
    pinned_parallelism INTEGER NOT NULL DEFAULT 0,
    pinned_rate        INTEGER NOT NULL DEFAULT 0,
    paused             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, key)
) WITHOUT ROWID;

-- When attempts with a rate-limited key started, within the last period: a sliding log, so no window of one
-- period ever holds more than `rate` starts (fixed windows would allow twice that across a boundary).
CREATE TABLE flow_starts (
    id     INTEGER PRIMARY KEY,
    tenant TEXT    NOT NULL,
    key    TEXT    NOT NULL,
    time   INTEGER NOT NULL
);

CREATE INDEX ix_flow_starts ON flow_starts (tenant, key, time);

-- Lanes with gated work (a queue, or a flow-control key for messages outside queues) and the earliest time
-- the lane may have something to start. NULL: waiting for an attempt to finish (parallelism) or a resume.
CREATE TABLE lanes (
    tenant      TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    next_due_at INTEGER,
    PRIMARY KEY (tenant, kind, name)
) WITHOUT ROWID;

CREATE INDEX ix_lanes_due ON lanes (next_due_at) WHERE next_due_at IS NOT NULL;

-- A callback of a queued message holds its queue's slot until it finishes.
ALTER TABLE messages ADD COLUMN hold_queue TEXT;
ALTER TABLE dlq ADD COLUMN hold_queue TEXT;

-- Ungated due work, claimed without looking at lanes.
CREATE INDEX ix_messages_due_free ON messages (next_attempt_at) WHERE state IN (0, 2) AND queue_name IS NULL AND flow_key IS NULL;
-- A queue's unfinished messages in FIFO order.
CREATE INDEX ix_messages_queue ON messages (tenant, queue_name, seq) WHERE queue_name IS NOT NULL AND state IN (0, 1, 2, 6);
-- A flow key's messages by state (wait list, in-flight count, due order).
CREATE INDEX ix_messages_flow ON messages (tenant, flow_key, state, next_attempt_at) WHERE flow_key IS NOT NULL;
-- Callbacks holding a queue slot.
CREATE INDEX ix_messages_hold ON messages (tenant, hold_queue) WHERE hold_queue IS NOT NULL;

-- Claims now read free work from ix_messages_due_free and gated work through lanes.
DROP INDEX ix_messages_due;
