-- 0001: the audit trail and the API keys.
--
-- Times are INTEGER unix nanoseconds (UTC) everywhere: they compare and
-- index as numbers, and one representation leaves no room for two
-- spellings of one instant.

CREATE TABLE audit (
	-- AUTOINCREMENT: an audit id is never reused, even if the newest rows
	-- were ever deleted (by a retention purge).
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	at       INTEGER NOT NULL,
	key_id   TEXT    NOT NULL,
	user     TEXT    NOT NULL,
	route    TEXT    NOT NULL,
	snapshot TEXT    NOT NULL,
	query    TEXT    NOT NULL, -- interdict.Query, JSON
	decision TEXT    NOT NULL CHECK (decision IN ('alert', 'clear')),
	matches  TEXT    NOT NULL  -- []interdict.AuditMatch, JSON
	-- No foreign key to keys: a record is evidence and must be written
	-- whatever became of the key, and a violation would fail the whole
	-- group commit it shares with other requests.
) STRICT;

-- The filters of interdict.AuditFilter. An index of a rowid table ends
-- with the rowid (here id), so each of these already serves keyset
-- pagination in id order within one user or one decision.
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_user ON audit (user);
CREATE INDEX audit_decision ON audit (decision);

CREATE TABLE keys (
	id              TEXT    PRIMARY KEY,
	name            TEXT    NOT NULL,
	role            TEXT    NOT NULL CHECK (role IN ('screener', 'analyst', 'admin')),
	-- SHA-256 of the secret; the secret itself is never stored.
	secret_sha256   BLOB    NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
	created         INTEGER NOT NULL,
	revoked         INTEGER,
	rate_per_minute INTEGER NOT NULL DEFAULT 0 CHECK (rate_per_minute >= 0)
) STRICT;
