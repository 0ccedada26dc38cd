package pipeline

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// counter gives 0, 1, …, n-1 and then io.EOF, or err in place of item
// failAt.
func counter(n, failAt int, err error) func() (int, error) {
	i := 0
	return func() (int, error) {
		if i == failAt {
			return 0, err
		}
		if i >= n {
			return 0, io.EOF
		}
		i++
		return i - 1, nil
	}
}

// jittery squares its input after a random pause, so that workers finish
// out of order.
func jittery() func(int) int {
	r := rand.New(rand.NewPCG(1, 2))
	return func(x int) int {
		if r.IntN(8) == 0 {
			time.Sleep(time.Duration(r.IntN(200)) * time.Microsecond)
		}
		return x * x
	}
}

func TestRunOrder(t *testing.T) {
	for _, tc := range []struct{ n, workers, window int }{
		{0, 1, 1}, {1, 1, 1}, {1000, 1, 4}, {5000, 7, 64}, {5000, 3, 1}, {300, 16, 16},
	} {
		var got []int
		err := Run(context.Background(), tc.workers, tc.window, counter(tc.n, -1, nil), jittery, func(y int) error {
			got = append(got, y)
			return nil
		})
		if err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		if len(got) != tc.n {
			t.Fatalf("%+v: %d results", tc, len(got))
		}
		for i, y := range got {
			if y != i*i {
				t.Fatalf("%+v: result %d is %d", tc, i, y)
			}
		}
	}
}

func TestRunReadError(t *testing.T) {
	bad := errors.New("disk on fire")
	var got []int
	err := Run(context.Background(), 3, 16, counter(100, 40, bad), jittery, func(y int) error {
		got = append(got, y)
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("error %v", err)
	}
	// Everything read before the error is emitted.
	if len(got) != 40 {
		t.Fatalf("%d results before the read error, want 40", len(got))
	}
}

func TestRunEmitError(t *testing.T) {
	full := errors.New("no space left")
	n := 0
	err := Run(context.Background(), 2, 8, counter(10000, -1, nil), jittery, func(int) error {
		n++
		if n == 25 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) || n != 25 {
		t.Fatalf("error %v after %d", err, n)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var read atomic.Int64
	endless := func() (int, error) { return int(read.Add(1) - 1), nil }
	var got []int
	err := Run(ctx, 2, 32, endless, jittery, func(y int) error {
		got = append(got, y)
		if len(got) == 500 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	// What was emitted is a prefix of the input, without a gap.
	for i, y := range got {
		if y != i*i {
			t.Fatalf("result %d is %d", i, y)
		}
	}
	if len(got) < 500 {
		t.Fatalf("%d results", len(got))
	}
}

func BenchmarkRun(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Run(context.Background(), 2, 512, counter(10000, -1, nil), func() func(int) int { return func(x int) int { return x } }, func(int) error { return nil })
	}
}
