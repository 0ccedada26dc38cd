//go:build unix

package uk

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the process CPU time (user + system, GC included) per
// operation since start, which stays meaningful on a shared machine where
// wall-clock ns/op depends on the other load.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
