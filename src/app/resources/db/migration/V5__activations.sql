-- Which archived packs serve a call from when (callcheck publish, activate, rollback; serve --rules-from-store). The
-- activation in force for a call at a time is the one with the latest active_from not after it (ties: the latest id).
-- id: a ULID, so that its order is the order of publishing.
CREATE TABLE activation (
    id           CHAR(26)     NOT NULL PRIMARY KEY,
    call_id      VARCHAR(100) NOT NULL,
    active_from  BIGINT       NOT NULL,
    published_by VARCHAR(100) NOT NULL,
    published_at BIGINT       NOT NULL,
    -- publish, activate or rollback
    kind         VARCHAR(20)  NOT NULL,
    -- for a rollback, the activation whose digests it serves again (a rollback of it goes back before that one)
    restores     CHAR(26)
);
CREATE INDEX activation_by_call ON activation (call_id, active_from);
-- The digests of an activation: one per version of the call, each archived in pack.
CREATE TABLE activation_pack (
    activation_id CHAR(26)    NOT NULL REFERENCES activation (id),
    digest        VARCHAR(80) NOT NULL REFERENCES pack (digest),
    PRIMARY KEY (activation_id, digest)
);
