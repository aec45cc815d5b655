-- The database version 1 of samples/NotesService (commit 3ece0c3, secureapi.schema.v1.json) leaves on PostgreSQL:
-- its tables and indexes as 'schema --sql' printed them, then the history its 'migrate' recorded.
-- Test data for SchemaVersionTwoTests: do not regenerate it from a later version.

CREATE TABLE IF NOT EXISTS notes (
    id uuid PRIMARY KEY,
    owner_id text NOT NULL,
    title varchar(200) NOT NULL,
    body varchar(10000) NOT NULL,
    private_note text,
    moderation_flag text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_notes_scope ON notes (owner_id, id);
CREATE INDEX IF NOT EXISTS ix_notes_title ON notes (owner_id, title, id);
CREATE INDEX IF NOT EXISTS ix_notes_created_at ON notes (owner_id, created_at, id);

CREATE TABLE IF NOT EXISTS team_docs (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL,
    name varchar(200) NOT NULL,
    content varchar(20000) NOT NULL,
    created_at timestamptz NOT NULL,
    version bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_team_docs_scope ON team_docs (tenant_id, id);
CREATE INDEX IF NOT EXISTS ix_team_docs_name ON team_docs (tenant_id, name, id);

CREATE TABLE IF NOT EXISTS secureapi_idempotency (
    subject text NOT NULL,
    tenant text NOT NULL,
    endpoint text NOT NULL,
    idempotency_key text NOT NULL,
    fingerprint text NOT NULL,
    resource_key text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (subject, tenant, endpoint, idempotency_key)
);
CREATE INDEX IF NOT EXISTS ix_secureapi_idempotency_expiry ON secureapi_idempotency (subject, created_at);

CREATE TABLE IF NOT EXISTS secureapi_api_keys (
    id text NOT NULL PRIMARY KEY,
    secret_hash bytea NOT NULL,
    subject text NOT NULL,
    tenant text NULL,
    roles text NOT NULL,
    scopes text NOT NULL,
    client_kind text NOT NULL,
    tier text NULL,
    name text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NULL,
    revoked_at timestamptz NULL
);
CREATE INDEX IF NOT EXISTS ix_secureapi_api_keys_subject ON secureapi_api_keys (subject, created_at);

CREATE TABLE IF NOT EXISTS secureapi_audit (
    sequence bigint NOT NULL PRIMARY KEY,
    occurred_at text NOT NULL,
    subject text NOT NULL,
    actor text NULL,
    client_kind text NOT NULL,
    resource text NOT NULL,
    resource_key text NOT NULL,
    operation text NOT NULL,
    changed_members text NULL,
    outcome text NOT NULL,
    trace_id text NULL,
    previous_hash text NOT NULL,
    hash text NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_secureapi_audit_time ON secureapi_audit (occurred_at);
CREATE TABLE IF NOT EXISTS secureapi_audit_anchor (
    id integer NOT NULL PRIMARY KEY,
    sequence bigint NOT NULL,
    hash text NOT NULL
);

CREATE TABLE IF NOT EXISTS secureapi_quarantine (
    resource text NOT NULL,
    resource_key text NOT NULL,
    member text NOT NULL,
    rules text NOT NULL,
    subject text NOT NULL,
    quarantined_at text NOT NULL,
    PRIMARY KEY (resource, resource_key, member)
);

CREATE TABLE IF NOT EXISTS secureapi_schema_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    step_id text NOT NULL,
    table_name text NOT NULL,
    sql_hash text NOT NULL,
    schema_version integer NOT NULL,
    service_version text NOT NULL,
    applied_at timestamptz NOT NULL
);

INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('notes.create', 'notes', '1dcb6d537cda914337c03180c5408e219ecfb14f52e5cc83d253fbb19a19ab84', 1, '0.1.0+3ece0c37c046841ce3fadf43095baf586ab1d899', '2026-11-28 06:47:20.189027+00');
INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('team_docs.create', 'team_docs', 'ec9b52c33d6dd6cd708f8241e4fca73efab9c09b385b3513b6d8080905b538b5', 1, '0.1.0+3ece0c37c046841ce3fadf43095baf586ab1d899', '2026-11-28 06:47:20.244866+00');
INSERT INTO secureapi_schema_history (step_id, table_name, sql_hash, schema_version, service_version, applied_at) VALUES ('version.1', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 1, '0.1.0+3ece0c37c046841ce3fadf43095baf586ab1d899', '2026-11-28 06:47:20.252951+00');
