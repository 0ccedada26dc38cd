package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far: on the shared
// development machine wall time says more about the other jobs than
// about the scan, so the benchmarks also report CPU per kilobyte.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// article joins the labelled texts of a language (markup stripped) into
// one long article of at least minBytes, as paragraphs.
func article(tb testing.TB, glob string, minBytes int) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "labelled", glob))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no texts for %s", glob)
	}
	var b strings.Builder
	for b.Len() < minBytes {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			text, _ := readLabelled(tb, string(raw))
			b.WriteString(text)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkScan scans long news articles made of the labelled texts
// against every list of ../shared/data and reports milliseconds per
// kilobyte of text. Names repeat across the article's paragraphs (as
// they do in real news), so the span cache helps; "fresh" scans each
// paragraph on its own, with nothing cached.
func BenchmarkScan(b *testing.B) {
	sc := allLists(b)
	for _, c := range []struct{ name, glob string }{{"en", "en*.txt"}, {"ru", "ru*.txt"}, {"all", "*.txt"}} {
		text := article(b, c.glob, 16<<10)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			cpu := cpuTime()
			for b.Loop() {
				if _, err := sc.Scan(context.Background(), text, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			report(b, len(text), cpuTime()-cpu)
		})
	}
	paras := strings.Split(article(b, "*.txt", 1), "\n\n")
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(total))
		cpu := cpuTime()
		for b.Loop() {
			for _, p := range paras {
				if _, err := sc.Scan(context.Background(), p, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, total, cpuTime()-cpu)
	})
}

// report adds wall and CPU milliseconds per kilobyte (the CPU time is the
// whole process's, so it includes the garbage collector's).
func report(b *testing.B, bytes int, cpu time.Duration) {
	kb := float64(bytes) / 1024 * float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/kb, "ms/KB")
	b.ReportMetric(float64(cpu.Microseconds())/1000/kb, "cpu-ms/KB")
}

// BenchmarkCooc builds the co-occurrence table over every list (done
// once per snapshot, on its first scan).
func BenchmarkCooc(b *testing.B) {
	sc := allLists(b)
	b.ReportAllocs()
	for b.Loop() {
		buildCooc(sc.sc.Index)
	}
}
