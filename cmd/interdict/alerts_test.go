package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMonitorAndAlerts: a customer book imported from the command line
// opens alerts, which are listed, shown and decided (four-eyes: a
// proposal, then another analyst's approval).
func TestMonitorAndAlerts(t *testing.T) {
	state := t.TempDir()
	env := map[string]string{"INTERDICT_STATE": state, "INTERDICT_DATA": "testdata/lists"}
	book := filepath.Join(t.TempDir(), "book.csv")
	if err := os.WriteFile(book, []byte("id,name,kind\ncust-1,Aerocaribbean Airlines,organization\ncust-2,Maria Jensen,person\ncust-3,Nobody,robot\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, env, "monitor", "import", book)
	if code != exitError || !strings.Contains(out, "2 parties (2 new, 0 changed)") || !strings.Contains(out, "1 alert opened") ||
		!strings.Contains(errOut, "book.csv:4: rejected: kind") {
		t.Fatalf("monitor import: %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, env, "monitor", "add", "--id", "cust-4", "--name", "Banco Nacional de Cuba", "--country", "Cuba"); code != exitOK || !strings.Contains(out, "1 alert opened") {
		t.Fatalf("monitor add: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, _ := run(t, env, "monitor", "add", "--name", "No Id"); code != exitUsage {
		t.Errorf("monitor add without --id: %d", code)
	}
	code, out, _ = run(t, env, "monitor", "list")
	if code != exitOK || strings.Count(out, "cust-") != 3 {
		t.Errorf("monitor list: %d\n%s", code, out)
	}
	code, out, _ = run(t, env, "alerts", "list")
	if code != exitOK || !strings.Contains(out, "ofac-sdn:36") || !strings.Contains(out, "ofac-sdn:306") {
		t.Fatalf("alerts list: %d\n%s", code, out)
	}
	if code, _, errOut := run(t, env, "alerts", "decide", "1", "--action", "dismiss", "--analyst", "ana", "--four-eyes"); code != exitUsage || !strings.Contains(errOut, "reason") {
		t.Errorf("decide without a reason: %d %s", code, errOut)
	}
	if code, out, errOut := run(t, env, "alerts", "decide", "1", "--action", "dismiss", "--reason", "our customer is another airline", "--analyst", "ana", "--four-eyes"); code != exitOK || !strings.Contains(out, "pending-dismiss") {
		t.Fatalf("propose: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, env, "alerts", "decide", "1", "--action", "approve", "--analyst", "ana", "--four-eyes"); code != exitError || !strings.Contains(errOut, "second analyst") {
		t.Errorf("approving one's own proposal: %d %s", code, errOut)
	}
	if code, out, errOut := run(t, env, "alerts", "decide", "1", "--action", "approve", "--analyst", "bob", "--four-eyes"); code != exitOK || !strings.Contains(out, "dismissed") {
		t.Fatalf("approve: %d %s %s", code, out, errOut)
	}
	code, out, _ = run(t, env, "alerts", "show", "1")
	if code != exitOK || !strings.Contains(out, "proposed") || !strings.Contains(out, "approved") || !strings.Contains(out, "our customer is another airline") {
		t.Errorf("alerts show: %d\n%s", code, out)
	}
	if code, out, _ := run(t, env, "alerts", "list", "--status", "dismissed"); code != exitOK || !strings.Contains(out, "cust-1") {
		t.Errorf("alerts list --status dismissed: %d\n%s", code, out)
	}
	// Importing the same book again: nothing new, the dismissed pair
	// stays suppressed.
	if _, out, _ := run(t, env, "monitor", "import", book); !strings.Contains(out, "(0 new, 0 changed)") || !strings.Contains(out, "0 alerts opened") {
		t.Errorf("second import: %s", out)
	}
}
