package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/interdict/interdict/batch"
	"github.com/interdict/interdict/screen"
)

const (
	// shownErrors is how many reject lines are also printed on stderr.
	shownErrors = 5
	// exitInterrupted is the conventional status of a run stopped by
	// SIGINT.
	exitInterrupted = 130
)

func (m *Main) stdin() io.Reader {
	if m.Stdin != nil {
		return m.Stdin
	}
	return os.Stdin
}

func (m *Main) runBatch(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("batch", &d)
	inPath := fs.String("in", "", "the parties to screen: CSV with a header row, JSON lines or XLSX (- for stdin, read as JSON lines)")
	outPath := fs.String("out", "-", "where to write one result row per input row: .csv, .jsonl or .xlsx (- for stdout, JSON lines)")
	inFormat := fs.String("in-format", "", "input format: csv, jsonl or xlsx (default: by extension, then by content)")
	outFormat := fs.String("out-format", "", "output format: csv, jsonl or xlsx (default: by extension of --out, else jsonl)")
	sheet := fs.String("sheet", "", "the XLSX sheet to read (default: the first)")
	var maps, sources repeated
	fs.Var(&maps, "map", "read query fields from other input fields or columns: name=Company Name,dob=DOB,country=Country,id=Reg No (fields: name, kind, dob, country, identifier or id)")
	fs.Var(&sources, "source", "search only this list (repeatable; default: all)")
	limit := fs.Int("limit", screen.DefaultLimit, fmt.Sprintf("at most this many matches per row (1..%d)", screen.MaxLimit))
	minScore := fs.Float64("min-score", screen.DefaultFloor, "drop matches scoring below this (0..1)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "screening goroutines (default: every core)")
	explain := fs.Bool("explain", false, "JSON-lines output: give each match its explanation (table outputs always carry a reason)")
	every := fs.Int("checkpoint", batch.DefaultCheckpointEvery, "rows between checkpoints of a run writing to a file (0: no checkpoints, not resumable)")
	restart := fs.Bool("restart", false, "ignore a checkpoint of an earlier run and start at the beginning")
	summary := fs.String("summary", "", "also write the summary (rows, hits, hits by list, rejects) to this file as JSON")
	progress := fs.String("progress", "auto", "progress on stderr: auto (a bar on a terminal, a line every few seconds otherwise), bar, lines or off")
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, "usage: interdict batch --in FILE.csv|.jsonl|.xlsx [--out FILE.csv|.jsonl|.xlsx] [--map name=COLUMN,dob=COLUMN,...] [--summary FILE] [--limit N] [--min-score X] [--workers N]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	usageErr := func(err error) int {
		fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
		return exitUsage
	}
	if len(pos) > 0 {
		return usageErr(fmt.Errorf("unexpected argument %q (the input is --in FILE)", pos[0]))
	}
	if *inPath == "" {
		fs.Usage()
		return exitUsage
	}
	fm := batch.DefaultFieldMap()
	for _, spec := range maps {
		if err := fm.Parse(spec); err != nil {
			return usageErr(&flagError{"map", spec, err.Error()})
		}
	}
	if *workers < 1 || *workers > 1024 {
		return usageErr(&flagError{"workers", strconv.Itoa(*workers), "want 1..1024"})
	}
	if *every < 0 {
		return usageErr(&flagError{"checkpoint", strconv.Itoa(*every), "want 0 (none) or a number of rows"})
	}
	inF, err := batch.ParseFormat(*inFormat)
	if err != nil {
		return usageErr(&flagError{"in-format", *inFormat, "want csv, jsonl or xlsx"})
	}
	outF, err := batch.ParseFormat(*outFormat)
	if err != nil {
		return usageErr(&flagError{"out-format", *outFormat, "want csv, jsonl or xlsx"})
	}
	qf := queryFlags{limit: *limit, minScore: *minScore, sources: sources}
	base, err := qf.query(nil)
	if err != nil {
		return usageErr(err)
	}
	if *inPath != "-" && *outPath != "-" && sameFile(*inPath, *outPath) {
		return usageErr(fmt.Errorf("--out %s would overwrite --in %s", *outPath, *inPath))
	}
	if *outPath != "-" {
		if fi, err := os.Stat(filepath.Dir(*outPath)); err != nil || !fi.IsDir() {
			return usageErr(fmt.Errorf("--out %s: no directory %s", *outPath, filepath.Dir(*outPath)))
		}
	}
	mode := batch.ProgressLines
	switch *progress {
	case "auto":
		if isTerminal(m.Stderr) {
			mode = batch.ProgressBar
		}
	case "bar":
		mode = batch.ProgressBar
	case "lines":
	case "off":
		mode = batch.ProgressOff
	default:
		return usageErr(&flagError{"progress", *progress, "want auto, bar, lines or off"})
	}
	ckpt := *every
	if ckpt == 0 {
		ckpt = -1
	}

	// Read the input's head (format, header, columns) before loading any
	// list: a bad file costs nothing.
	start := time.Now()
	job, err := batch.Open(batch.Options{
		In: *inPath, Out: *outPath, InFormat: inF, OutFormat: outF, Sheet: *sheet, Map: fm, Base: *base,
		Explain: *explain, ParseID: parseIdentifier, Workers: *workers, CheckpointEvery: ckpt, Restart: *restart,
		SummaryFile: *summary, Stdin: m.stdin(), Stdout: m.Stdout, Log: m.Stderr, Progress: mode,
	})
	if err != nil {
		fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
		return exitError
	}
	defer job.Close()
	ld := m.loadScreener(ctx, &d)
	if ld == nil {
		return exitError
	}
	if err := checkSources(ld.screener, ld.cat, base.Sources); err != nil {
		return usageErr(err)
	}

	sum, err := job.Run(ctx, ld.screener, ld.screener.Threshold, ld.snap.Version)
	for _, e := range sum.Shown[:min(len(sum.Shown), shownErrors)] {
		fmt.Fprintf(m.Stderr, "interdict batch: %s\n", e)
	}
	if sum.Rejects > shownErrors {
		where := "each has an \"error\" field in the output"
		if sum.OutputFormat != "jsonl" {
			where = "each has its reason in the output's error column"
		}
		fmt.Fprintf(m.Stderr, "interdict batch: … %d more rejects (%s)\n", sum.Rejects-shownErrors, where)
	}
	resumed := ""
	if sum.ResumedAt > 0 {
		resumed = fmt.Sprintf(", resumed after row %d", sum.ResumedAt)
	}
	fmt.Fprintf(m.Stderr, "interdict batch: %s; %.0f names/s on %s (screening %s%s; lists loaded in %s, index built in %s; wall %s); snapshot %s\n",
		sum.Line(), sum.RowsPerSecond, plural(*workers, "worker", "workers"), (time.Duration(sum.Seconds * float64(time.Second))).Round(time.Millisecond), resumed,
		ld.loadTook.Round(time.Millisecond), ld.snap.BuildTook.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), ld.snap.Version)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		switch {
		case sum.Resumable:
			fmt.Fprintf(m.Stderr, "interdict batch: interrupted after %s; %s holds them: run the same command again to continue\n", plural(sum.Rows, "row", "rows"), sum.Output)
		case sum.Output != "-":
			fmt.Fprintf(m.Stderr, "interdict batch: interrupted; the first %s of %s are complete (not resumable)\n", plural(sum.Rows, "row", "rows"), sum.Output)
		default:
			fmt.Fprintf(m.Stderr, "interdict batch: interrupted; the first %s of the output are complete\n", plural(sum.Rows, "row", "rows"))
		}
		return exitInterrupted
	default:
		fmt.Fprintf(m.Stderr, "interdict batch: %v\n", err)
		if sum.Resumable {
			fmt.Fprintf(m.Stderr, "interdict batch: the output is incomplete: %s holds the first %s; run the same command again to continue\n", sum.Output, plural(sum.Rows, "row", "rows"))
		} else if sum.Output != "-" && !sum.Complete {
			fmt.Fprintf(m.Stderr, "interdict batch: the output is incomplete: %s holds the first %s\n", sum.Output, plural(sum.Rows, "row", "rows"))
		}
		return exitError
	}
}
