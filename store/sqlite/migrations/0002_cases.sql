-- 0002: alerts and their case histories, monitored parties, webhooks and
-- the delivery outbox.

CREATE TABLE alerts (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	party       TEXT    NOT NULL,
	party_name  TEXT    NOT NULL,
	query       TEXT    NOT NULL, -- interdict.Query, JSON
	entity_id   TEXT    NOT NULL,
	entity_name TEXT    NOT NULL,
	source      TEXT    NOT NULL,
	fingerprint TEXT    NOT NULL,
	score       REAL    NOT NULL,
	matched     TEXT    NOT NULL,
	snapshot    TEXT    NOT NULL,
	origin      TEXT    NOT NULL CHECK (origin IN ('monitor', 'refresh', 'screen')),
	state       TEXT    NOT NULL CHECK (state IN ('open', 'pending-confirm', 'pending-dismiss', 'confirmed', 'dismissed')),
	version     INTEGER NOT NULL,
	opened      INTEGER NOT NULL,
	updated     INTEGER NOT NULL
) STRICT;

-- At most one active alert per (party, entity): concurrent refreshes, in
-- one process or several, cannot open one twice.
CREATE UNIQUE INDEX alerts_active ON alerts (party, entity_id)
	WHERE state IN ('open', 'pending-confirm', 'pending-dismiss');
-- The latest alert of a pair (suppression), and the queue filters.
CREATE INDEX alerts_pair ON alerts (party, entity_id, id);
CREATE INDEX alerts_entity ON alerts (entity_id);
CREATE INDEX alerts_state ON alerts (state);

CREATE TABLE case_events (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	alert_id INTEGER NOT NULL REFERENCES alerts (id),
	at       INTEGER NOT NULL,
	kind     TEXT    NOT NULL,
	state    TEXT    NOT NULL,
	key_id   TEXT    NOT NULL,
	actor    TEXT    NOT NULL,
	reason   TEXT    NOT NULL
) STRICT;
CREATE INDEX case_events_alert ON case_events (alert_id);

-- The history is append-only: the database itself refuses to rewrite it.
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'case_events is append-only');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'case_events is append-only');
END;

CREATE TABLE monitored (
	id       TEXT    PRIMARY KEY, -- the caller's reference; BINARY collation: byte order
	query    TEXT    NOT NULL,    -- interdict.Query, JSON
	added    INTEGER NOT NULL,
	updated  INTEGER NOT NULL,
	screened INTEGER NOT NULL DEFAULT 0, -- 0: never
	snapshot TEXT    NOT NULL DEFAULT '',
	nearest  REAL    NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE webhooks (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	name    TEXT    NOT NULL,
	url     TEXT    NOT NULL,
	secret  TEXT    NOT NULL,
	active  INTEGER NOT NULL CHECK (active IN (0, 1)),
	created INTEGER NOT NULL
) STRICT;

CREATE TABLE deliveries (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	webhook_id   INTEGER NOT NULL REFERENCES webhooks (id),
	alert_id     INTEGER NOT NULL REFERENCES alerts (id),
	key          TEXT    NOT NULL UNIQUE,
	event        TEXT    NOT NULL,
	state        TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
	attempts     INTEGER NOT NULL DEFAULT 0,
	created      INTEGER NOT NULL,
	next_attempt INTEGER NOT NULL,
	lease_until  INTEGER NOT NULL DEFAULT 0,
	lease_token  TEXT    NOT NULL DEFAULT '',
	last_status  INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT    NOT NULL DEFAULT '',
	done         INTEGER NOT NULL DEFAULT 0
) STRICT;
-- The worker's claim: due pending deliveries, earliest first.
CREATE INDEX deliveries_due ON deliveries (next_attempt, id) WHERE state = 'pending';
CREATE INDEX deliveries_state ON deliveries (state);
