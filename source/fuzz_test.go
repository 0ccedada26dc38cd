package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad writes arbitrary bytes as a file under several names and loads
// the directory: recognition and every parser it reaches must answer with
// a list, a failure or a skip, never a panic.
func FuzzLoad(f *testing.F) {
	f.Add("sdn.csv", []byte("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a"))
	f.Add("list.xml", []byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Add("dpl.txt", []byte("Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\tEffective_Date\tExpiration_Date\tStandard_Order\tLast_Update\tAction\tFR_Citation\n\"X\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"01/01/2020\"\t\"\"\t\"\"\t\"2020-01-01\"\t\"\"\t\"\"\n"))
	f.Add("e.ftm.json", []byte(`{"id":"a","schema":"Person","properties":{"name":["A B"]}}`+"\n"))
	f.Add("x.xlsx", []byte("PK\x03\x04garbage"))
	f.Add("empty", []byte{})
	f.Fuzz(func(t *testing.T, name string, body []byte) {
		name = filepath.Base(filepath.Clean("/" + name))
		if name == "/" || name == "." || name == ".." || len(name) > 100 || name[0] == '.' {
			name = "file"
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Skip(err)
		}
		cat, err := Load(context.Background(), dir)
		var none *ErrNoLists
		if err != nil && !errors.As(err, &none) {
			t.Fatalf("Load: %v", err)
		}
		if err == nil && len(cat.Lists) == 0 {
			t.Fatal("no error and no lists")
		}
	})
}
