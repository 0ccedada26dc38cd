package eu

import "strings"

// isTrue reads the FSF's boolean attributes ("true"/"false").
func isTrue(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "true") }
