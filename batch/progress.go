package batch

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// ProgressMode says how a run shows its progress.
type ProgressMode int

const (
	// ProgressOff shows nothing.
	ProgressOff ProgressMode = iota
	// ProgressBar redraws one line in place (a terminal): a bar, rows,
	// rows/s and the time left.
	ProgressBar
	// ProgressLines prints a plain line now and then (a log file).
	ProgressLines
)

// Progress is where a run stands.
type Progress struct {
	Rows int // rows in the output, those of a resumed checkpoint included
	// Done and Total measure the input read so far and in all: bytes, or
	// for a sheet rows (Total 0: unknown).
	Done, Total int64
}

// progress draws a run's progress. It is called by the writer after each
// row and draws at most once per its interval.
type progress struct {
	w        io.Writer
	mode     ProgressMode
	every    time.Duration
	hook     func(Progress)
	start    time.Time
	last     time.Time
	rows0    int   // rows at the start of this run
	done0    int64 // input at the start of this run
	drawn    bool
	checkCnt int
}

func (p *progress) update(pr Progress) {
	if p == nil {
		return
	}
	// Reading the clock for every row costs more than the rest of this;
	// every 64 rows is often enough.
	if p.checkCnt++; p.checkCnt&63 != 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	p.draw(pr, now, false)
}

func (p *progress) finish(pr Progress) {
	if p == nil {
		return
	}
	if p.mode == ProgressBar && p.drawn {
		p.draw(pr, time.Now(), true)
	}
}

const barWidth = 28

func (p *progress) draw(pr Progress, now time.Time, final bool) {
	p.drawn = true
	if p.hook != nil {
		p.hook(pr)
	}
	if p.mode == ProgressOff || p.w == nil {
		return
	}
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(pr.Rows-p.rows0) / el
	}
	frac, left := -1.0, ""
	if pr.Total > 0 {
		frac = min(1, float64(pr.Done)/float64(pr.Total))
		if d := pr.Done - p.done0; d > 0 && pr.Done < pr.Total {
			secs := el * float64(pr.Total-pr.Done) / float64(d)
			left = (time.Duration(secs) * time.Second).Round(time.Second).String()
		}
	}
	switch p.mode {
	case ProgressBar:
		var b strings.Builder
		b.WriteString("\r")
		if frac >= 0 {
			fill := int(frac * barWidth)
			b.WriteString("[" + strings.Repeat("=", fill))
			if fill < barWidth {
				b.WriteString(">" + strings.Repeat(" ", barWidth-fill-1))
			}
			fmt.Fprintf(&b, "] %3.0f%% ", frac*100)
		}
		fmt.Fprintf(&b, "%d rows  %.0f rows/s", pr.Rows, rate)
		if left != "" {
			fmt.Fprintf(&b, "  ETA %s", left)
		}
		b.WriteString("\x1b[K") // clear what a longer line left
		if final {
			b.WriteString("\n")
		}
		io.WriteString(p.w, b.String())
	case ProgressLines:
		s := fmt.Sprintf("interdict batch: %d rows", pr.Rows)
		if frac >= 0 {
			s += fmt.Sprintf(" (%.1f%% of the input)", frac*100)
		}
		s += fmt.Sprintf(", %.0f rows/s", rate)
		if left != "" {
			s += ", about " + left + " left"
		}
		io.WriteString(p.w, s+"\n")
	}
}
