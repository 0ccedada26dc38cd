package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/interdict/interdict/internal/pipeline"
)

// Run screens the input with s and writes the output. threshold is the
// screener's alert threshold and snapshot the version of its lists; both
// go into the checkpoint's options, since other lists give other output.
//
// The summary is returned whatever happens. The error is nil when the run
// is complete; it wraps ctx.Err() when ctx ended the run (the summary then
// says whether it can be resumed), and otherwise says what failed.
func (j *Job) Run(ctx context.Context, s Screener, threshold float64, snapshot string) (*Summary, error) {
	o := &j.o
	j.outFmt = j.outputFormat()
	if j.outFmt != JSONL {
		j.outHeader, j.numeric = j.tableHeader()
	}
	sum := &Summary{Input: o.In, Output: o.Out, InputFormat: j.inFmt.String(), OutputFormat: j.outFmt.String(), Snapshot: snapshot, Threshold: threshold}
	note := func(format string, args ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, "interdict batch: "+format+"\n", args...)
		}
	}

	out, err := j.openOutput(threshold, snapshot, note)
	if err != nil {
		return sum, err
	}
	defer out.abandon()
	var counts Counts
	pos, nextLine := int64(0), 1
	switch {
	case j.csv != nil:
		pos, nextLine = j.csv.off, j.csv.line
	case j.xlsx != nil:
		pos, nextLine = int64(j.xlsx.row), j.xlsx.row+1
	}
	if cp := out.cp; cp != nil {
		counts, pos, nextLine = cp.Counts, cp.Offset, cp.NextLine
		sum.ResumedAt = cp.Rows
		note("resuming at row %d (%s %d of %s) from %s", cp.Rows+1, j.unit, cp.NextLine, o.In, out.cpPath)
	}
	next, err := j.reader(out.cp)
	if err != nil {
		return sum, err
	}

	var prog *progress
	if o.Progress != ProgressOff || o.OnProgress != nil {
		every := o.ProgressEvery
		if every <= 0 {
			every = 5 * time.Second
			if o.Progress == ProgressBar {
				every = 200 * time.Millisecond
			}
		}
		prog = &progress{w: o.Log, mode: o.Progress, every: every, hook: o.OnProgress, start: time.Now(), rows0: counts.Rows, done0: pos}
		prog.last = prog.start
	}
	var total int64
	if j.inFile != nil && j.stdin == nil && j.xlsx == nil {
		if fi, err := j.inFile.Stat(); err == nil {
			total = fi.Size()
		}
	}

	checkpoint := func() error {
		if err := out.sync(); err != nil {
			return err
		}
		return writeCheckpoint(out.cpPath, &Checkpoint{Version: checkpointVersion, Input: out.id, Options: out.hash,
			Rows: counts.Rows, Offset: pos, NextLine: nextLine, OutputBytes: out.n, Counts: counts})
	}
	writeFailed := false
	emit := func(r result) error {
		if err := out.write(&r); err != nil {
			writeFailed = true
			return fmt.Errorf("writing %s: %w", out.name(), err)
		}
		counts.add(&r)
		pos, nextLine = r.end, r.nextLine
		if out.resumable && counts.Rows%o.CheckpointEvery == 0 {
			if err := checkpoint(); err != nil {
				writeFailed = true
				return fmt.Errorf("checkpoint: %w", err)
			}
		}
		prog.update(Progress{Rows: counts.Rows, Done: pos, Total: total})
		return nil
	}
	window := max(64, o.Workers*windowPerWorker)
	runStart := time.Now()
	err = pipeline.Run(ctx, o.Workers, window, next, func() func(Record) result {
		return j.newWorker(s, threshold, out.xw != nil).do
	}, emit)
	prog.finish(Progress{Rows: counts.Rows, Done: pos, Total: total})
	counts.Blank += j.trailingBlank()
	sum.Counts = counts
	sum.Seconds = time.Since(runStart).Seconds()
	if sum.Seconds > 0 {
		sum.RowsPerSecond = float64(counts.Rows-sum.ResumedAt) / sum.Seconds
	}

	if err == nil {
		err = out.finish(j)
		sum.Complete = err == nil
	} else if !writeFailed {
		// Interrupted, or the input failed: what was written is whole
		// rows, recorded for the next run.
		if out.resumable {
			if cerr := checkpoint(); cerr != nil {
				err = errors.Join(err, fmt.Errorf("checkpoint: %w", cerr))
			} else {
				sum.Resumable = true
			}
		} else if ferr := out.flush(); ferr != nil {
			err = errors.Join(err, ferr)
		}
	}
	if !sum.Complete && out.partial != "" {
		sum.Output = out.partial
	}
	if o.SummaryFile != "" {
		if serr := sum.write(o.SummaryFile); serr != nil {
			err = errors.Join(err, fmt.Errorf("summary: %w", serr))
		}
	}
	return sum, err
}

// trailingBlank is the blank lines after the last row.
func (j *Job) trailingBlank() int {
	switch {
	case j.csv != nil:
		return j.csv.trailing
	case j.xlsx != nil:
		return j.xlsx.trailing
	}
	return 0
}

// reader returns the function that reads the next row, from the
// checkpoint's place when resuming.
func (j *Job) reader(cp *Checkpoint) (func() (Record, error), error) {
	o := &j.o
	if cp != nil {
		switch j.inFmt {
		case JSONL, CSV:
			if _, err := j.inFile.Seek(cp.Offset, io.SeekStart); err != nil {
				return nil, err
			}
			if j.inFmt == CSV {
				width := j.csv.width
				j.csv = newCSVReader(j.inFile, j.comma, o.MaxRecord, cp.Offset, cp.NextLine)
				j.csv.width = width
			}
		case XLSX:
			if err := j.xlsx.skipTo(int(cp.Offset)); err != nil {
				return nil, err
			}
		}
	}
	wrap := func(err error) error {
		if err == nil || err == io.EOF {
			return err
		}
		return fmt.Errorf("reading %s: %w", o.In, err)
	}
	switch j.inFmt {
	case CSV:
		return func() (Record, error) {
			r, err := j.csv.next()
			return r, wrap(err)
		}, nil
	case XLSX:
		return func() (Record, error) {
			r, err := j.xlsx.next()
			return r, wrap(err)
		}, nil
	}
	var src io.Reader = j.stdin
	off, line := int64(0), 1
	if j.stdin == nil {
		src = j.inFile
	}
	if cp != nil {
		off, line = cp.Offset, cp.NextLine
	}
	jr := newJSONLReader(src, o.MaxRecord, off, line)
	return func() (Record, error) {
		r, err := jr.next()
		return r, wrap(err)
	}, nil
}

// output is where a run writes: straight to stdout or a device, or to
// FILE.partial with checkpoints beside it, renamed to FILE when complete.
type output struct {
	o        *Options
	dest     io.Writer // direct: the destination
	devFile  *os.File  // direct to a device: the file to close
	file     *os.File  // the partial output
	bw       *bufio.Writer
	xw       *xlsxWriter // XLSX written straight out
	n        int64       // bytes of the partial output
	partial  string
	cpPath   string
	cp       *Checkpoint // the checkpoint resumed from
	id       Identity
	hash     string
	header   []string
	numeric  []bool
	outFmt   Format
	finished bool
	// resumable: checkpoints are written (a regular input file, a
	// partial output, checkpoints not turned off).
	resumable bool
}

func (out *output) name() string {
	if out.partial != "" {
		return out.partial
	}
	if out.o.Out == "-" {
		return "stdout"
	}
	return out.o.Out
}

// openOutput prepares the output: resuming from a valid checkpoint, or
// starting afresh (writing the header row of a table).
func (j *Job) openOutput(threshold float64, snapshot string, note func(string, ...any)) (*output, error) {
	o := &j.o
	out := &output{o: o, header: j.outHeader, numeric: j.numeric, outFmt: j.outFmt}
	direct := o.Out == "-"
	if !direct {
		if fi, err := os.Stat(o.Out); err == nil && !fi.Mode().IsRegular() {
			if fi.IsDir() {
				return nil, fmt.Errorf("--out %s is a directory", o.Out)
			}
			direct = true // /dev/null, a named pipe
		}
	}
	if direct {
		if o.Out == "-" {
			out.dest = o.Stdout
		} else {
			f, err := os.OpenFile(o.Out, os.O_WRONLY, 0)
			if err != nil {
				return nil, err
			}
			out.dest, out.devFile = f, f
		}
		out.bw = bufio.NewWriterSize(out.dest, 64<<10)
		return out, out.start(true)
	}

	out.partial, out.cpPath = o.Out+".partial", o.Out+".checkpoint"
	out.resumable = j.inFile != nil && j.stdin == nil && o.CheckpointEvery > 0
	if out.resumable {
		var err error
		if out.id, err = identify(j.inFile); err != nil {
			return nil, fmt.Errorf("%s: %w", o.In, err)
		}
		out.hash = j.optionsHash(threshold, snapshot)
		if !o.Restart {
			cp, err := readCheckpoint(out.cpPath)
			switch {
			case err != nil:
				note("not resuming: the checkpoint cannot be read (%v); starting again", err)
			case cp != nil:
				if why := out.mismatch(cp); why != "" {
					note("not resuming from %s: %s; starting again", out.cpPath, why)
				} else {
					out.cp = cp
				}
			}
		}
	}
	f, err := os.OpenFile(out.partial, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	out.file = f
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	if out.cp != nil {
		if err := f.Truncate(out.cp.OutputBytes); err != nil {
			return nil, err
		}
		if _, err := f.Seek(out.cp.OutputBytes, io.SeekStart); err != nil {
			return nil, err
		}
		out.n = out.cp.OutputBytes
		out.bw = bufio.NewWriterSize(f, 64<<10)
		return out, nil
	}
	// Afresh: a checkpoint left by another run would describe other
	// output.
	if err := os.Remove(out.cpPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := f.Truncate(0); err != nil {
		return nil, err
	}
	out.bw = bufio.NewWriterSize(f, 64<<10)
	return out, out.start(false)
}

// mismatch says why a checkpoint does not fit this run ("" if it does).
func (out *output) mismatch(cp *Checkpoint) string {
	switch {
	case cp.Version != checkpointVersion:
		return fmt.Sprintf("it is of format %d, not %d", cp.Version, checkpointVersion)
	case cp.Input != out.id:
		return "the input changed since"
	case cp.Options != out.hash:
		return "the options or the lists changed since"
	}
	fi, err := os.Stat(out.partial)
	if err != nil {
		return fmt.Sprintf("%s is missing", out.partial)
	}
	if fi.Size() < cp.OutputBytes {
		return fmt.Sprintf("%s holds %d bytes, fewer than the %d recorded", out.partial, fi.Size(), cp.OutputBytes)
	}
	return ""
}

// start writes the header row of a table output.
func (out *output) start(direct bool) error {
	switch {
	case out.outFmt == CSV:
		return out.raw(appendCSVRow(nil, out.header, ',', false))
	case out.outFmt == XLSX && direct:
		out.xw = newXLSXWriter(out.bw, out.header, out.numeric)
	case out.outFmt == XLSX:
		return out.raw(appendJSONArray(nil, out.header))
	}
	return nil
}

func (out *output) raw(b []byte) error {
	k, err := out.bw.Write(b)
	out.n += int64(k)
	return err
}

func (out *output) write(r *result) error {
	if out.xw != nil {
		return out.xw.Write(r.cells)
	}
	return out.raw(r.out)
}

// sync makes the partial output durable up to what was written.
func (out *output) sync() error {
	if err := out.bw.Flush(); err != nil {
		return err
	}
	return out.file.Sync()
}

func (out *output) flush() error {
	if err := out.bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", out.name(), err)
	}
	return nil
}

// finish completes the output: the partial output synced and renamed to
// the output (or built into the XLSX workbook), the checkpoint removed.
func (out *output) finish(j *Job) error {
	if out.xw != nil {
		if err := out.xw.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", out.name(), err)
		}
	}
	if out.partial == "" {
		if err := out.flush(); err != nil {
			return err
		}
		out.finished = true
		if out.devFile != nil {
			return out.devFile.Close()
		}
		return nil
	}
	if err := out.sync(); err != nil {
		return fmt.Errorf("writing %s: %w", out.partial, err)
	}
	if out.outFmt == XLSX {
		if err := out.buildXLSX(); err != nil {
			return fmt.Errorf("writing %s: %w", out.o.Out, err)
		}
		out.file.Close()
		os.Remove(out.partial)
	} else {
		if err := out.file.Close(); err != nil {
			return err
		}
		if err := os.Rename(out.partial, out.o.Out); err != nil {
			return err
		}
	}
	if err := syncDir(filepath.Dir(out.o.Out)); err != nil {
		return err
	}
	out.finished = true
	if err := os.Remove(out.cpPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// buildXLSX writes the workbook from the partial output's JSON arrays,
// beside the output, and renames it over the output.
func (out *output) buildXLSX() error {
	if _, err := out.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	tmp := out.o.Out + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	defer f.Close()
	bw := bufio.NewWriterSize(f, 256<<10)
	xw := newXLSXWriter(bw, out.header, out.numeric)
	// The arrays are this program's own: a row is at most the input's
	// longest row plus the matches.
	jr := newJSONLReader(out.file, 64<<20, 0, 1)
	var cells []string
	for first := true; ; first = false {
		rec, err := jr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if first {
			continue // the header row, which xw writes itself
		}
		cells = cells[:0]
		if rec.Err != "" {
			return fmt.Errorf("%s line %d: %s", out.partial, rec.Line, rec.Err)
		}
		if err := json.Unmarshal(rec.Raw, &cells); err != nil {
			return fmt.Errorf("%s line %d: %v", out.partial, rec.Line, err)
		}
		if err := xw.Write(cells); err != nil {
			return err
		}
	}
	if err := xw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out.o.Out)
}

// abandon closes what an unfinished run leaves open; the partial output
// and the checkpoint stay for the next run.
func (out *output) abandon() {
	if out.finished {
		return
	}
	if out.file != nil {
		out.file.Close()
	}
	if out.devFile != nil {
		out.devFile.Close()
	}
}
