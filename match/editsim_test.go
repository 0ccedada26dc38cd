package match

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestShowWeightedSim(t *testing.T) {
	if os.Getenv("SIMS") == "" {
		t.Skip()
	}
	var s Scratch
	for _, p := range strings.Split(os.Getenv("SIMS"), ";") {
		ab := strings.Split(p, "/")
		fmt.Printf("%-25s %.3f\n", p, s.weightedSim(ab[0], ab[1], 0))
	}
}
