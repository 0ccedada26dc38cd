-- 0003: alerts and their case histories, monitored parties, webhooks and
-- the delivery outbox (the same tables as store/sqlite's 0002).

CREATE TABLE alerts (
	id          bigserial        PRIMARY KEY,
	party       text             NOT NULL,
	party_name  text             NOT NULL,
	query       json             NOT NULL, -- interdict.Query
	entity_id   text             NOT NULL,
	entity_name text             NOT NULL,
	source      text             NOT NULL,
	fingerprint text             NOT NULL,
	score       double precision NOT NULL,
	matched     text             NOT NULL,
	snapshot    text             NOT NULL,
	origin      text             NOT NULL CHECK (origin IN ('monitor', 'refresh', 'screen')),
	state       text             NOT NULL CHECK (state IN ('open', 'pending-confirm', 'pending-dismiss', 'confirmed', 'dismissed')),
	version     bigint           NOT NULL,
	opened      timestamptz      NOT NULL,
	updated     timestamptz      NOT NULL
);

-- At most one active alert per (party, entity): concurrent refreshes, in
-- one instance or several, cannot open one twice. OpenAlert names this
-- index's columns and predicate in its ON CONFLICT clause.
CREATE UNIQUE INDEX alerts_active ON alerts (party, entity_id)
	WHERE state IN ('open', 'pending-confirm', 'pending-dismiss');
-- The latest alert of a pair (suppression), and the queue filters.
CREATE INDEX alerts_pair ON alerts (party, entity_id, id);
CREATE INDEX alerts_entity ON alerts (entity_id, id);
CREATE INDEX alerts_state ON alerts (state, id);

CREATE TABLE case_events (
	id       bigserial   PRIMARY KEY,
	alert_id bigint      NOT NULL REFERENCES alerts (id),
	at       timestamptz NOT NULL,
	kind     text        NOT NULL,
	state    text        NOT NULL,
	key_id   text        NOT NULL,
	actor    text        NOT NULL,
	reason   text        NOT NULL
);
CREATE INDEX case_events_alert ON case_events (alert_id, id);

-- The history is append-only: the database itself refuses to rewrite it.
CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'case_events is append-only';
END
$$;
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
	FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
	FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

CREATE TABLE monitored (
	-- The caller's reference; collation "C": byte order, as in SQLite.
	id       text             COLLATE "C" PRIMARY KEY,
	query    json             NOT NULL, -- interdict.Query, as written (compared as text)
	added    timestamptz      NOT NULL,
	updated  timestamptz      NOT NULL,
	screened timestamptz,                -- NULL: never
	snapshot text             NOT NULL DEFAULT '',
	nearest  double precision NOT NULL DEFAULT 0
);

CREATE TABLE webhooks (
	id      bigserial   PRIMARY KEY,
	name    text        NOT NULL,
	url     text        NOT NULL,
	secret  text        NOT NULL,
	active  boolean     NOT NULL,
	created timestamptz NOT NULL
);

CREATE TABLE deliveries (
	id           bigserial   PRIMARY KEY,
	webhook_id   bigint      NOT NULL REFERENCES webhooks (id),
	alert_id     bigint      NOT NULL REFERENCES alerts (id),
	key          text        NOT NULL UNIQUE,
	event        text        NOT NULL,
	state        text        NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
	attempts     integer     NOT NULL DEFAULT 0,
	created      timestamptz NOT NULL,
	next_attempt timestamptz NOT NULL,
	lease_until  timestamptz,            -- NULL: not leased
	lease_token  text        NOT NULL DEFAULT '',
	last_status  integer     NOT NULL DEFAULT 0,
	last_error   text        NOT NULL DEFAULT '',
	done         timestamptz             -- NULL: not done
);
-- The worker's claim: due pending deliveries, earliest first.
CREATE INDEX deliveries_due ON deliveries (next_attempt, id) WHERE state = 'pending';
CREATE INDEX deliveries_state ON deliveries (state, id);
CREATE INDEX deliveries_alert ON deliveries (alert_id);
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id);
