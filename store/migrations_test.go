package store

import (
	"testing"
	"testing/fstest"
)

func TestMigrationFiles(t *testing.T) {
	ok := "CREATE TABLE t (x INTEGER);"
	for name, fsys := range map[string]fstest.MapFS{
		"gap":       {"migrations/0001_a.sql": {Data: []byte(ok)}, "migrations/0003_c.sql": {Data: []byte(ok)}},
		"repeat":    {"migrations/0001_a.sql": {Data: []byte(ok)}, "migrations/0001_b.sql": {Data: []byte(ok)}},
		"not first": {"migrations/0002_a.sql": {Data: []byte(ok)}},
		"bad name":  {"migrations/1_a.sql": {Data: []byte(ok)}},
		"upper":     {"migrations/0001_Init.sql": {Data: []byte(ok)}},
	} {
		if _, err := Migrations(fsys); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	got, err := Migrations(fstest.MapFS{
		"migrations/0002_b.sql": {Data: []byte("2")},
		"migrations/0001_a.sql": {Data: []byte("1")},
		"migrations/README.md":  {Data: []byte("not a migration")},
	})
	if err != nil || len(got) != 2 || got[0].SQL != "1" || got[1].SQL != "2" {
		t.Errorf("migrations = %+v, %v", got, err)
	}
}
