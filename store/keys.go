package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"strings"

	interdict "github.com/interdict/interdict"
)

// SecretPrefix starts every API key secret, so that a leaked one is
// recognisable at a glance and by secret scanners, and so that LookupKey
// can refuse a string that is not a key without a query.
const SecretPrefix = "idk_"

// keyIDEncoding spells key ids in lower-case base32 without padding: no
// characters that need quoting in a URL, a shell or a CSV file.
var keyIDEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewKeyID returns a fresh key id, "k_" and 10 base32 characters (50
// random bits): short enough to type in `interdict keys revoke`, and
// public (it is logged and written to the audit trail), so it needs no
// more entropy than it takes to avoid collisions; engines retry on one.
func NewKeyID() string {
	var b [7]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return "k_" + keyIDEncoding.EncodeToString(b[:])[:10]
}

// NewSecret returns a fresh API key secret: SecretPrefix and 32 random
// bytes in unpadded base64url (43 characters, 256 bits).
func NewSecret() string {
	var b [32]byte
	rand.Read(b[:])
	return SecretPrefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// HashSecret is what engines store and look a secret up by: its SHA-256.
//
// A plain, unsalted, fast hash is the right one here, not bcrypt or
// argon2: those exist to make guessing a low-entropy password from its
// hash expensive, but a secret is 256 random bits, which no amount of
// hashing speed brings within reach of a guess. A fast hash also keeps
// the lookup that every request makes cheap, and being unsalted it can
// be the key of a unique index.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// LooksLikeSecret reports whether s has the shape of a secret from
// NewSecret.
func LooksLikeSecret(s string) bool {
	rest, ok := strings.CutPrefix(s, SecretPrefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// CheckKey validates what CreateKey is given.
func CheckKey(name string, role interdict.Role) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("key without a name: %w", ErrInvalid)
	}
	switch role {
	case interdict.RoleScreener, interdict.RoleAnalyst, interdict.RoleAdmin:
		return nil
	}
	return fmt.Errorf("unknown role %q (want screener, analyst or admin): %w", role, ErrInvalid)
}
