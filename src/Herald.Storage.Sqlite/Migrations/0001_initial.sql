-- Messages waiting, in flight, and recently delivered. Rows leave by delivery retention, cancel, or the DLQ.
CREATE TABLE messages (
    seq              INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    tenant           TEXT    NOT NULL,
    state            INTEGER NOT NULL,
    url              TEXT    NOT NULL,
    host             TEXT    NOT NULL,
    path             TEXT    NOT NULL,
    topic_name       TEXT,
    endpoint_name    TEXT,
    queue_name       TEXT,
    schedule_id      TEXT,
    method           TEXT    NOT NULL,
    headers          TEXT    NOT NULL,
    body             BLOB    NOT NULL,
    max_retries      INTEGER NOT NULL,
    retry_delay      TEXT,
    timeout_ms       INTEGER NOT NULL,
    not_before       INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    caller_ip        TEXT,
    labels           TEXT,
    flow_key         TEXT,
    extras           TEXT,
    retried          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    lease_token      INTEGER,
    lease_expires_at INTEGER,
    finished_at      INTEGER
);

-- Due work: CREATED (0) and RETRY (2) by next attempt time.
CREATE INDEX ix_messages_due ON messages (next_attempt_at) WHERE state IN (0, 2);
-- Leases to rescue: ACTIVE (1) and CANCEL_REQUESTED (6).
CREATE INDEX ix_messages_lease ON messages (lease_expires_at) WHERE state IN (1, 6);
-- Delivered rows to prune.
CREATE INDEX ix_messages_finished ON messages (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX ix_messages_tenant ON messages (tenant, state);

-- The event log: one row per state change; message attributes are copied so filters need no join.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    tenant             TEXT    NOT NULL,
    time               INTEGER NOT NULL,
    message_id         TEXT    NOT NULL,
    state              INTEGER NOT NULL,
    url                TEXT    NOT NULL,
    host               TEXT    NOT NULL,
    path               TEXT    NOT NULL,
    topic_name         TEXT,
    endpoint_name      TEXT,
    queue_name         TEXT,
    schedule_id        TEXT,
    labels             TEXT,
    flow_key           TEXT,
    caller_ip          TEXT,
    retried            INTEGER NOT NULL,
    next_delivery_time INTEGER,
    error              TEXT,
    error_category     TEXT,
    response_status    INTEGER,
    response_headers   TEXT,
    response_body      BLOB,
    latency_ms         INTEGER
);

CREATE INDEX ix_events_tenant ON events (tenant, id);
CREATE INDEX ix_events_message ON events (message_id);

-- The dead letter queue: a full copy of the message and its last response.
CREATE TABLE dlq (
    seq              INTEGER PRIMARY KEY,
    dlq_id           TEXT    NOT NULL UNIQUE,
    id               TEXT    NOT NULL,
    tenant           TEXT    NOT NULL,
    state            INTEGER NOT NULL,
    url              TEXT    NOT NULL,
    host             TEXT    NOT NULL,
    path             TEXT    NOT NULL,
    topic_name       TEXT,
    endpoint_name    TEXT,
    queue_name       TEXT,
    schedule_id      TEXT,
    method           TEXT    NOT NULL,
    headers          TEXT    NOT NULL,
    body             BLOB    NOT NULL,
    max_retries      INTEGER NOT NULL,
    retry_delay      TEXT,
    timeout_ms       INTEGER NOT NULL,
    not_before       INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    caller_ip        TEXT,
    labels           TEXT,
    flow_key         TEXT,
    extras           TEXT,
    retried          INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    failed_at        INTEGER NOT NULL,
    response_status  INTEGER NOT NULL,
    response_headers TEXT,
    response_body    BLOB,
    error            TEXT,
    error_category   TEXT
);

CREATE INDEX ix_dlq_tenant ON dlq (tenant, seq);
CREATE INDEX ix_dlq_message ON dlq (id);
CREATE INDEX ix_dlq_failed ON dlq (failed_at);

-- Deduplication ids (explicit and content-based) remembered for the configured window.
CREATE TABLE dedup (
    tenant     TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    message_id TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (tenant, key)
) WITHOUT ROWID;

CREATE INDEX ix_dedup_expires ON dedup (expires_at);

CREATE TABLE signing_keys (
    tenant     TEXT    NOT NULL PRIMARY KEY,
    current    TEXT    NOT NULL,
    next       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
