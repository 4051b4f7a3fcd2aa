-- The decision store, the same on H2 and PostgreSQL. Times are milliseconds since the epoch (UTC).

-- Every decision answered by the service. id: the ULID of the verdict, so that its order is the order of time.
CREATE TABLE decision (
    id           CHAR(26)     NOT NULL PRIMARY KEY,
    received_at  BIGINT       NOT NULL,
    asked_by     VARCHAR(100),
    call_id      VARCHAR(100) NOT NULL,
    version      VARCHAR(100) NOT NULL,
    digest       VARCHAR(80)  NOT NULL,
    verdict      VARCHAR(20)  NOT NULL,
    took_micros  BIGINT       NOT NULL,
    -- canonical JSON of the proposal as it was read; null once the retention erased it
    proposal     VARCHAR,
    -- the verdict exactly as it was answered
    verdict_json VARCHAR      NOT NULL
);
CREATE INDEX decision_by_call ON decision (call_id, id);
CREATE INDEX decision_by_received ON decision (received_at);

-- Every pack version that decided something, by digest, with the files that digest covers.
CREATE TABLE pack (
    digest      VARCHAR(80)  NOT NULL PRIMARY KEY,
    call_id     VARCHAR(100) NOT NULL,
    version     VARCHAR(100) NOT NULL,
    archived_at BIGINT       NOT NULL
);
-- A file's bytes once, whatever number of packs hold it (the reference data is in every pack).
CREATE TABLE file_content (
    sha     CHAR(64) NOT NULL PRIMARY KEY,
    content BYTEA    NOT NULL
);
CREATE TABLE pack_file (
    digest VARCHAR(80)   NOT NULL REFERENCES pack (digest),
    path   VARCHAR(1000) NOT NULL,
    sha    CHAR(64)      NOT NULL REFERENCES file_content (sha),
    PRIMARY KEY (digest, path)
);

-- API tokens: a name and the SHA-256 of the token, never the token.
CREATE TABLE api_token (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    hash       CHAR(64)     NOT NULL UNIQUE,
    created_at BIGINT       NOT NULL
);
