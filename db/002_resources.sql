-- The resource store: objects with Kubernetes semantics, one global resourceVersion, and a
-- change log appended in the same transaction as each object write.
-- Keys are compared with the "C" collation so that list order and continue tokens are byte order,
-- the same on every server and in the Memory provider.

-- One row holds the latest committed resourceVersion. Writers update it inside their transaction,
-- which serializes them: commit order equals version order, and a rolled-back write leaves no gap.
CREATE TABLE IF NOT EXISTS resource_version_counter (
    id integer PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL
);
INSERT INTO resource_version_counter (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- How far the change log has been compacted: events with resourceVersion <= compacted_through are
-- gone, except the latest one of each object that still existed at that point (as etcd keeps).
CREATE TABLE IF NOT EXISTS resource_log_state (
    id integer PRIMARY KEY CHECK (id = 1),
    compacted_through bigint NOT NULL
);
INSERT INTO resource_log_state (id, compacted_through) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- The current objects. body is json (not jsonb) so an object round-trips byte for byte;
-- labels are copied into a jsonb column so label selectors use the GIN index.
CREATE TABLE IF NOT EXISTS resources (
    api_group text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL,
    namespace text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    resource_version bigint NOT NULL,
    labels jsonb NOT NULL,
    body json NOT NULL,
    PRIMARY KEY (api_group, kind, namespace, name)
);
CREATE INDEX IF NOT EXISTS resources_labels ON resources USING gin (labels);

-- change_type: 0 ADDED, 1 MODIFIED, 2 DELETED. body is the object after the write (for DELETED,
-- its last state stamped with the deletion's resourceVersion).
CREATE TABLE IF NOT EXISTS resource_changes (
    resource_version bigint PRIMARY KEY,
    change_type smallint NOT NULL,
    api_group text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL,
    namespace text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    body json NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS resource_changes_by_key
    ON resource_changes (api_group, kind, namespace, name, resource_version);
