-- Every round answered by the service (POST /v1/calls/{call}/rounds). id: a ULID, as a decision's. The proposals a
-- round evaluated inline are decisions of their own (the decision table), under the round's pack.
CREATE TABLE call_round (
    id           CHAR(26)     NOT NULL PRIMARY KEY,
    received_at  BIGINT       NOT NULL,
    asked_by     VARCHAR(100),
    call_id      VARCHAR(100) NOT NULL,
    version      VARCHAR(100) NOT NULL,
    digest       VARCHAR(80)  NOT NULL,
    took_micros  BIGINT       NOT NULL,
    -- the round as it was read: inline proposals as canonical JSON, the others by decisionId
    request_json VARCHAR      NOT NULL,
    -- the answer exactly as it was given
    result_json  VARCHAR      NOT NULL
);
CREATE INDEX call_round_by_call ON call_round (call_id, id);
