-- Idempotency-Key of evaluations and rounds (API.md "Production semantics"): written in the transaction of the record
-- it answered, so that a retry finds it whatever instance receives it. A key is scoped to who sent it: two clients
-- may choose the same key.
CREATE TABLE idempotency_key (
    -- the name of the token sent, '' without one
    asked_by     VARCHAR(100) NOT NULL,
    idem_key     VARCHAR(100) NOT NULL,
    -- SHA-256 of the request (endpoint, query and body): the same key with another request is refused
    request_hash CHAR(64)     NOT NULL,
    -- the decisionId or roundId answered
    answer_id    CHAR(26)     NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (asked_by, idem_key)
);
CREATE INDEX idempotency_key_by_created ON idempotency_key (created_at);
