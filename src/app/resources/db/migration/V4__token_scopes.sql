-- What each token may do (TokenScope), as its lowercase names joined by commas, e.g. 'read,export'. Tokens made
-- before scopes could evaluate, read and export everything: they keep every scope, so that no client breaks on
-- upgrade (an operator narrows them by making new tokens). New tokens always name their scopes: no default is kept.
ALTER TABLE api_token ADD COLUMN scopes VARCHAR(100) DEFAULT 'evaluate,read,export' NOT NULL;
ALTER TABLE api_token ALTER COLUMN scopes DROP DEFAULT;
