-- 0002: the list versions instances put in service, so that a refresh on
-- one instance reaches the others (store.ListVersions).

CREATE TABLE list_versions (
	id       bigserial   PRIMARY KEY,
	version  text        NOT NULL,
	instance text        NOT NULL,
	-- clock_timestamp(): the moment of the insert, not the start of its
	-- transaction (the delay to the other instances is measured from it).
	recorded timestamptz NOT NULL DEFAULT clock_timestamp(),
	entities integer     NOT NULL CHECK (entities >= 0),
	lists    json        NOT NULL -- []store.ListFiles
);
