DROP INDEX scan_runs_running;
ALTER TABLE scan_runs DROP COLUMN pid;
ALTER TABLE scan_runs DROP COLUMN host;
DROP TABLE catalog_settings;
