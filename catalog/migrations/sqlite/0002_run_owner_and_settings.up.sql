-- Catalog-wide settings, one row per name. `fingerprint_key_id` is the public id of the key
-- the catalog's fingerprints were made under (never the key), recorded by the first run that
-- claims one: sketches under another key would never match, so such runs are refused.
CREATE TABLE catalog_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Which process runs a scan, so a run whose process died (killed, power cut) can be marked
-- interrupted by the next run on the same host instead of staying `running` forever.
ALTER TABLE scan_runs ADD COLUMN host TEXT;
ALTER TABLE scan_runs ADD COLUMN pid BIGINT;
CREATE INDEX scan_runs_running ON scan_runs (host) WHERE status = 'running';
