-- 0001: the audit trail and the API keys.
--
-- Times are timestamptz (microseconds, UTC instants). Names are left
-- unqualified: they land in the schema the connection's search_path names
-- (public unless the URL says otherwise).

CREATE TABLE audit (
	-- Ids come from the sequence under an advisory lock held until
	-- commit (see AppendAudit), so they are assigned in commit order and
	-- keyset pagination never steps past a row that commits later.
	id        bigserial   PRIMARY KEY,
	at        timestamptz NOT NULL,
	key_id    text        NOT NULL,
	user_name text        NOT NULL,
	route     text        NOT NULL,
	snapshot  text        NOT NULL,
	-- json, not jsonb: kept as written (jsonb refuses \u0000, which a
	-- screened name may hold, and one refused record would fail the
	-- whole group commit).
	query     json        NOT NULL, -- interdict.Query
	decision  text        NOT NULL CHECK (decision IN ('alert', 'clear')),
	matches   json        NOT NULL  -- []interdict.AuditMatch
	-- No foreign key to keys: a record is evidence and must be written
	-- whatever became of the key.
);

-- The filters of interdict.AuditFilter, each ending with id so that a
-- page within one user or one decision is an index range in id order.
CREATE INDEX audit_at ON audit (at, id);
CREATE INDEX audit_user ON audit (user_name, id);
CREATE INDEX audit_decision ON audit (decision, id);

CREATE TABLE keys (
	id              text        PRIMARY KEY,
	name            text        NOT NULL,
	role            text        NOT NULL CHECK (role IN ('screener', 'analyst', 'admin')),
	-- SHA-256 of the secret; the secret itself is never stored.
	secret_sha256   bytea       NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
	created         timestamptz NOT NULL,
	revoked         timestamptz,
	rate_per_minute integer     NOT NULL DEFAULT 0 CHECK (rate_per_minute >= 0)
);
