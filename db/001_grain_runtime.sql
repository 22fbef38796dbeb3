-- Grain runtime: persistent grain state, durable reminders, and the cluster tables
-- (membership, shard leases) that multi-silo placement uses.

CREATE TABLE IF NOT EXISTS schema_migrations (
    version     integer     PRIMARY KEY,
    name        text        NOT NULL,
    checksum    text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- One ETag sequence for all state rows: a cleared and re-created record never reuses an ETag.
CREATE SEQUENCE IF NOT EXISTS grain_state_etag;

CREATE TABLE IF NOT EXISTS grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    data        bytea       NOT NULL,
    etag        bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);

CREATE SEQUENCE IF NOT EXISTS reminders_etag;

CREATE TABLE IF NOT EXISTS reminders (
    grain_type     text        NOT NULL,
    grain_key      text        NOT NULL,
    reminder_name  text        NOT NULL,
    shard          integer     NOT NULL,
    start_at       timestamptz NOT NULL,
    period_ms      bigint      NOT NULL CHECK (period_ms > 0),
    etag           bigint      NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);

CREATE INDEX IF NOT EXISTS reminders_by_shard ON reminders (shard);

CREATE TABLE IF NOT EXISTS silo_membership (
    silo_id       text        PRIMARY KEY,
    address       text        NOT NULL,
    status        text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shard_leases (
    shard       integer     PRIMARY KEY CHECK (shard >= 0),
    owner       text        NOT NULL,
    epoch       bigint      NOT NULL,
    expires_at  timestamptz NOT NULL
);
