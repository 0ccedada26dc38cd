package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/store"
	"github.com/interdict/interdict/store/sqlite"
)

// stateEnv is an environment with a fresh state directory.
func stateEnv(t *testing.T) (map[string]string, string) {
	dir := t.TempDir()
	return map[string]string{"INTERDICT_STATE": dir}, dir
}

func openState(t *testing.T, dir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "interdict.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestKeysCreate(t *testing.T) {
	env, dir := stateEnv(t)
	code, out, errs := run(t, env, "keys", "create", "--name", "onboarding", "--role", "screener")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	secret := lastLine(out)
	if !store.LooksLikeSecret(secret) {
		t.Fatalf("last line %q is not the secret alone; output:\n%s", secret, out)
	}
	for _, want := range []string{"id:      k_", "name:    onboarding", "role:    screener", "rate:    server default"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, secret) != 1 {
		t.Errorf("the secret appears %d times", strings.Count(out, secret))
	}
	k, err := openState(t, dir).LookupKey(context.Background(), secret)
	if err != nil {
		t.Fatalf("the printed secret does not open the key: %v", err)
	}
	if !strings.Contains(out, "id:      "+k.ID+"\n") || k.Name != "onboarding" || k.Role != interdict.RoleScreener {
		t.Errorf("stored key %+v; output:\n%s", k, out)
	}
}

func TestKeysListRevoke(t *testing.T) {
	env, dir := stateEnv(t)
	code, out, errs := run(t, env, "keys", "list")
	if code != exitOK || out != "" || !strings.Contains(errs, "No keys yet") {
		t.Errorf("list with no keys: exit %d, %q, %q", code, out, errs)
	}
	if code, out, _ := run(t, env, "keys", "list", "--json"); code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("list --json with no keys: exit %d, %q", code, out)
	}
	_, out1, _ := run(t, env, "keys", "create", "--name", "alice", "--role", "admin")
	// Flags after --state, and --rate.
	code, out2, errs := run(t, nil, "keys", "create", "--state", dir, "--name", "batch job", "--role", "analyst", "--rate", "600")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out2, "rate:    600/min") {
		t.Errorf("create --rate output:\n%s", out2)
	}
	secret1 := lastLine(out1)

	code, out, _ = run(t, env, "keys", "list", "--json")
	var keys []interdict.APIKey
	if err := json.Unmarshal([]byte(out), &keys); err != nil || code != exitOK {
		t.Fatalf("list --json: exit %d, %v:\n%s", code, err, out)
	}
	if len(keys) != 2 || keys[0].Name != "alice" || keys[1].Name != "batch job" || keys[1].RatePerMinute != 600 || keys[1].Role != interdict.RoleAnalyst {
		t.Fatalf("keys %+v", keys)
	}
	if strings.Contains(out, secret1) || strings.Contains(out, strings.TrimPrefix(secret1, store.SecretPrefix)) {
		t.Error("list shows a secret")
	}

	code, out, _ = run(t, env, "keys", "revoke", keys[0].ID)
	if code != exitOK || out != "revoked "+keys[0].ID+"\n" {
		t.Errorf("revoke: exit %d, %q", code, out)
	}
	if _, err := openState(t, dir).LookupKey(context.Background(), secret1); !errors.Is(err, store.ErrRevoked) {
		t.Errorf("LookupKey after revoke = %v", err)
	}
	code, out, _ = run(t, env, "keys", "revoke", keys[0].ID)
	if code != exitOK || !strings.Contains(out, "already revoked") {
		t.Errorf("revoke twice: exit %d, %q", code, out)
	}
	code, _, errs = run(t, env, "keys", "revoke", "k_nosuchkey0")
	if code != exitError || !strings.Contains(errs, `no key "k_nosuchkey0"`) {
		t.Errorf("revoke unknown: exit %d, %q", code, errs)
	}

	code, out, _ = run(t, env, "keys", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("list: exit %d:\n%s", code, out)
	}
	if !strings.Contains(lines[1], keys[0].ID) || !strings.Contains(lines[1], "revoked 20") ||
		!strings.Contains(lines[2], "batch job") || !strings.Contains(lines[2], "600/min") || !strings.HasSuffix(lines[2], "active") {
		t.Errorf("list:\n%s", out)
	}
}

func TestKeysBadUsage(t *testing.T) {
	env, dir := stateEnv(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"keys"}, "usage:"},
		{[]string{"keys", "rotate"}, `unknown subcommand "rotate"`},
		{[]string{"keys", "create"}, "--name and --role"},
		{[]string{"keys", "create", "--name", "x"}, "--name and --role"},
		{[]string{"keys", "create", "--role", "admin"}, "--name and --role"},
		{[]string{"keys", "create", "--name", "x", "--role", "root"}, `unknown role "root"`},
		{[]string{"keys", "create", "--name", "x", "--role", "admin", "--rate", "-5"}, "--rate -5"},
		{[]string{"keys", "create", "--name", "x", "--role", "admin", "--rate", "lots"}, "invalid value"},
		{[]string{"keys", "create", "--name", "x", "--role", "admin", "extra"}, `unexpected argument "extra"`},
		{[]string{"keys", "create", "--nmae", "x"}, "not defined"},
		{[]string{"keys", "list", "extra"}, `unexpected argument "extra"`},
		{[]string{"keys", "revoke"}, "usage: interdict keys revoke ID"},
		{[]string{"keys", "revoke", "a", "b"}, "usage: interdict keys revoke ID"},
	} {
		code, _, errs := run(t, env, tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
	if keys, err := openState(t, dir).ListKeys(context.Background()); err != nil || len(keys) != 0 {
		t.Errorf("bad usage created keys: %v, %v", keys, err)
	}
	if code, out, _ := run(t, env, "keys", "--help"); code != exitOK || !strings.Contains(out, "keys create") {
		t.Errorf("keys --help: exit %d, %q", code, out)
	}
}

// TestKeysBadState: a state directory that cannot hold the database is an
// error (exit 1) that names it.
func TestKeysBadState(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, nil, "keys", "list", "--state", file)
	if code != exitError || !strings.Contains(errs, file) {
		t.Errorf("exit %d, %q", code, errs)
	}
}
