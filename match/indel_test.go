package match

import "testing"

// TestIndelCosts holds the fixed-point table to indelCost on every byte in
// every position rule: first, doubled, final after three letters, middle.
func TestIndelCosts(t *testing.T) {
	fv, fi := int32(FinalVowel*costScale+0.5), int32(FirstIndel*costScale+0.5)
	for c := range 256 {
		for _, tc := range []struct {
			s string
			i int
		}{
			{string([]byte{byte(c)}), 0},
			{string([]byte{'x', byte(c)}), 1},
			{string([]byte{byte(c), byte(c)}), 1},
			{string([]byte{'a', 'b', 'r', byte(c)}), 3},
			{string([]byte{'a', 'b', 'r', byte(c), 'n'}), 3},
		} {
			want := int32(indelCost(tc.s, tc.i)*costScale + 0.5)
			if got := indelCosts(tc.s, tc.i, fv, fi); got != want {
				t.Errorf("indelCosts(%q, %d) = %d, want %d", tc.s, tc.i, got, want)
			}
		}
	}
}
