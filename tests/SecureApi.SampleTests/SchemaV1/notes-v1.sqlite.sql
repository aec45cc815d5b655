-- The database version 1 of samples/NotesService (commit 3ece0c3, secureapi.schema.v1.json) leaves on SQLite:
-- its tables and indexes as 'schema --sql' printed them, then the history its 'migrate' recorded.
-- Test data for SchemaVersionTwoTests: do not regenerate it from a later version.

CREATE TABLE IF NOT EXISTS notes (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    title VARCHAR(200) NOT NULL,
    body VARCHAR(10000) NOT NULL,
    private_note TEXT,
    moderation_flag TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_notes_scope ON notes (owner_id, id);
CREATE INDEX IF NOT EXISTS ix_notes_title ON notes (owner_id, title, id);
CREATE INDEX IF NOT EXISTS ix_notes_created_at ON notes (owner_id, created_at, id);

CREATE TABLE IF NOT EXISTS team_docs (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    name VARCHAR(200) NOT NULL,
    content VARCHAR(20000) NOT NULL,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_team_docs_scope ON team_docs (tenant_id, id);
CREATE INDEX IF NOT EXISTS ix_team_docs_name ON team_docs (tenant_id, name, id);

CREATE TABLE IF NOT EXISTS secureapi_idempotency (
    subject TEXT NOT NULL,
    tenant TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    resource_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (subject, tenant, endpoint, idempotency_key)
);
CREATE INDEX IF NOT EXISTS ix_secureapi_idempotency_expiry ON secureapi_idempotency (subject, created_at);

CREATE TABLE IF NOT EXISTS secureapi_api_keys (
    id TEXT NOT NULL PRIMARY KEY,
    secret_hash BLOB NOT NULL,
    subject TEXT NOT NULL,
    tenant TEXT NULL,
    roles TEXT NOT NULL,
    scopes TEXT NOT NULL,
    client_kind TEXT NOT NULL,
    tier TEXT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NULL,
    revoked_at TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_secureapi_api_keys_subject ON secureapi_api_keys (subject, created_at);

CREATE TABLE IF NOT EXISTS secureapi_audit (
    sequence INTEGER NOT NULL PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    subject TEXT NOT NULL,
    actor TEXT NULL,
    client_kind TEXT NOT NULL,
    resource TEXT NOT NULL,
    resource_key TEXT NOT NULL,
    operation TEXT NOT NULL,
    changed_members TEXT NULL,
    outcome TEXT NOT NULL,
    trace_id TEXT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_secureapi_audit_time ON secureapi_audit (occurred_at);
CREATE TABLE IF NOT EXISTS secureapi_audit_anchor (
    id INTEGER NOT NULL PRIMARY KEY,
    sequence INTEGER NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS secureapi_quarantine (
    resource TEXT NOT NULL,
    resource_key TEXT NOT NULL,
    member TEXT NOT NULL,
    rules TEXT NOT NULL,
    subject TEXT NOT NULL,
    quarantined_at TEXT NOT NULL,
    PRIMARY KEY (resource, resource_key, member)
);

CREATE TABLE secureapi_schema_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    step_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    sql_hash TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    service_version TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('notes.create', 'notes', 'a51d9d1be3afc2f4260d0b3571ba3d12146c215e9518dd68d245cc6324cc272d', 1, '0.1.0+3ece0c37c046841ce3fadf43095baf586ab1d899', '2026-11-28 06:46:43.426112+00:00');
INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('team_docs.create', 'team_docs', 'a8fba7c1b592d5061aac387a5a5146fe5cbdd316f0b3917cf85aba8e8a7abfb6', 1, '0.1.0+3ece0c37c046841ce3fadf43095baf586ab1d899', '2026-11-28 06:46:43.4452353+00:00');
INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('version.1', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 1, '0.1.0+3ece0c37c046841ce3fadf43095baf586ab1d899', '2026-11-28 06:46:43.447215+00:00');
