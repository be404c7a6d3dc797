-- The catalog: what piicat found, where, and what people decided about it.
-- Holds masked examples and keyed fingerprints only, never a raw value.

-- One row. `revision` grows with every change the search index must see, in commit order;
-- `catalog_id` names this catalog so a local index is never mixed up with another one.
CREATE TABLE catalog_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    catalog_id TEXT NOT NULL,
    revision BIGINT NOT NULL
);
INSERT INTO catalog_state (id, catalog_id, revision) VALUES (1, lower(hex(randomblob(16))), 0);

-- The class vocabulary the catalog was fed, so search facets work without the engine.
CREATE TABLE data_classes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    sensitivity TEXT NOT NULL,
    compliance TEXT NOT NULL,
    description TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    first_seen TEXT NOT NULL
);

CREATE TABLE scan_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    forced BOOLEAN NOT NULL,
    label TEXT,
    assets_new BIGINT NOT NULL DEFAULT 0,
    assets_updated BIGINT NOT NULL DEFAULT 0,
    assets_unchanged BIGINT NOT NULL DEFAULT 0,
    assets_skipped BIGINT NOT NULL DEFAULT 0,
    assets_failed BIGINT NOT NULL DEFAULT 0,
    fields_seen BIGINT NOT NULL DEFAULT 0,
    findings_new BIGINT NOT NULL DEFAULT 0,
    findings_resolved BIGINT NOT NULL DEFAULT 0,
    drift_events BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    source_id BIGINT REFERENCES sources (id),
    dataset TEXT NOT NULL,
    name TEXT NOT NULL,
    format TEXT,
    size_bytes BIGINT,
    row_estimate BIGINT,
    schema_fingerprint TEXT,
    etag TEXT,
    modified TEXT,
    rows_sampled BIGINT NOT NULL DEFAULT 0,
    bytes_read BIGINT NOT NULL DEFAULT 0,
    files_total BIGINT,
    files_sampled BIGINT,
    notes TEXT NOT NULL DEFAULT '[]',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_scanned_at TEXT,
    last_changed_at TEXT NOT NULL,
    last_run_id BIGINT REFERENCES scan_runs (id),
    error_kind TEXT,
    error_message TEXT,
    owner TEXT,
    purpose TEXT,
    description TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    metadata_updated_by TEXT,
    metadata_updated_at TEXT,
    revision BIGINT NOT NULL
);
CREATE INDEX assets_revision ON assets (revision);
CREATE INDEX assets_dataset ON assets (dataset);

CREATE TABLE fields (
    id INTEGER PRIMARY KEY,
    asset_id BIGINT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    data_type TEXT,
    sampled BIGINT NOT NULL,
    first_seen TEXT NOT NULL,
    gone_at TEXT,
    UNIQUE (asset_id, path)
);

-- One row per (field, class) ever seen. A finding that disappears is resolved, not deleted;
-- a person's status decision is kept across rescans.
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    field_id BIGINT NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    class_id TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    likelihood TEXT NOT NULL,
    matched BIGINT NOT NULL,
    sampled BIGINT NOT NULL,
    validated_rate DOUBLE PRECISION,
    reasons TEXT NOT NULL,
    masked_examples TEXT NOT NULL,
    sketch BLOB,
    -- The fingerprints of this finding now in finding_fingerprints, and whether they lag
    -- behind the sketch (kept up to date in batches, not per asset: see related.rs).
    candidates BLOB,
    candidates_stale BOOLEAN NOT NULL DEFAULT false,
    status TEXT NOT NULL DEFAULT 'suggested',
    status_by TEXT,
    status_at TEXT,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    resolved_at TEXT,
    UNIQUE (field_id, class_id)
);
CREATE INDEX findings_class ON findings (class_id);
CREATE INDEX findings_stale_candidates ON findings (id) WHERE candidates_stale = true;

-- The smallest fingerprints of each finding's sketch: finds candidate related fields by
-- shared fingerprints without reading every sketch.
CREATE TABLE finding_fingerprints (
    fingerprint BIGINT NOT NULL,
    finding_id BIGINT NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    PRIMARY KEY (fingerprint, finding_id)
) WITHOUT ROWID;

-- What happened to each asset in each run, with the error when it failed.
CREATE TABLE asset_scans (
    run_id BIGINT NOT NULL REFERENCES scan_runs (id),
    asset_id BIGINT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    fields BIGINT NOT NULL,
    findings_new BIGINT NOT NULL DEFAULT 0,
    findings_resolved BIGINT NOT NULL DEFAULT 0,
    drift_events BIGINT NOT NULL DEFAULT 0,
    error_kind TEXT,
    error_message TEXT,
    PRIMARY KEY (run_id, asset_id)
);
CREATE INDEX asset_scans_asset ON asset_scans (asset_id);

-- History: new and resolved findings, drift, decisions, metadata edits. Never values.
CREATE TABLE catalog_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    run_id BIGINT REFERENCES scan_runs (id),
    asset_id BIGINT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    field_id BIGINT,
    finding_id BIGINT,
    class_id TEXT,
    actor TEXT,
    detail TEXT
);
CREATE INDEX catalog_events_asset ON catalog_events (asset_id, id);
CREATE INDEX catalog_events_run ON catalog_events (run_id);
