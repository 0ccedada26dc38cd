package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/batch"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
	"github.com/xuri/excelize/v2"
)

// childEnv, when set in the environment, makes the test binary run the
// program with the JSON array of arguments it holds, as the interdict
// binary would: the interrupt and scale tests run batches in child
// processes they can kill and measure, without building a binary.
const childEnv = "INTERDICT_BATCH_TEST_MAIN"

func init() {
	args, ok := os.LookupEnv(childEnv)
	if !ok {
		return
	}
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	code := m.Run(ctx, a)
	stop()
	os.Exit(code)
}

// child is the program run in a child process.
func child(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(args)
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(a))
	return cmd
}

// TestBatchCSV screens a CSV named as the issue names it, into CSV, JSON
// lines and XLSX, with a summary file.
func TestBatchCSV(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "parties.csv")
	os.WriteFile(in, []byte("Company Name,DOB,Country,Reg No\n"+
		"Kim Jong Un,1984-01-08,North Korea,\n"+
		"Banco Nacional de Cuba,,CU,\n"+
		"Zzyzx Qwvbn Trading,,DE,HRB 1234\n"+
		"Kim Jong Un,1984,KP\n"+ // ragged
		"Musa Abu Marzuk,1951,Jordan;SY,\n"), 0o644)
	mapping := "name=Company Name,dob=DOB,country=Country,id=Reg No"
	for _, ext := range []string{"csv", "jsonl", "xlsx"} {
		out := filepath.Join(dir, "out."+ext)
		sumPath := filepath.Join(dir, ext+".summary.json")
		code, stdout, errs := run(t, nil, "batch", "--data", fixture, "--in", in, "--out", out, "--map", mapping, "--summary", sumPath)
		if code != 0 || stdout != "" {
			t.Fatalf("%s: exit %d: %s", ext, code, errs)
		}
		for _, w := range []string{"5 rows, 1 reject, 3 hits (score ≥ 0.775; by list: ofac-sdn 3)", "interdict batch: line 5: 3 fields, the header has 4", "names/s"} {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", ext, w, errs)
			}
		}
		var sum batch.Summary
		b, _ := os.ReadFile(sumPath)
		if err := json.Unmarshal(b, &sum); err != nil || sum.Rows != 5 || sum.Hits != 3 || sum.Rejects != 1 || sum.BySource["ofac-sdn"] != 3 || !sum.Complete || sum.Output != out {
			t.Errorf("%s: summary %s (%v)", ext, b, err)
		}
		var rows [][]string
		switch ext {
		case "csv":
			f, _ := os.Open(out)
			rows, _ = csv.NewReader(f).ReadAll()
			f.Close()
		case "xlsx":
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ = f.GetRows("Results")
			f.Close()
		case "jsonl":
			b, _ := os.ReadFile(out)
			lines := parseOutput(t, string(b))
			if len(lines) != 5 || !strings.Contains(string(lines[0].Matches[0]), `"id":"ofac-sdn:20157"`) ||
				string(lines[2].Input) != `{"Company Name":"Zzyzx Qwvbn Trading","DOB":"","Country":"DE","Reg No":"HRB 1234"}` {
				t.Errorf("jsonl: %+v", lines)
			}
			continue
		}
		if len(rows) != 6 {
			t.Fatalf("%s: %d rows", ext, len(rows))
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		get := func(r int, c string) string {
			if i, ok := col[c]; ok && i < len(rows[r]) {
				return rows[r][i]
			}
			return ""
		}
		for r, want := range []struct{ result, id string }{{"alert", "ofac-sdn:20157"}, {"alert", "ofac-sdn:306"}, {"clear", ""}, {"error", ""}, {"alert", "ofac-sdn:3754"}} {
			if get(r+1, "result") != want.result || get(r+1, "listed_id") != want.id {
				t.Errorf("%s row %d: %q", ext, r+1, rows[r+1])
			}
		}
		if why := get(1, "reason"); !strings.HasPrefix(why, `alert (≥ 0.775): "Kim Jong Un" ~ `) || !strings.Contains(why, "birth date") {
			t.Errorf("%s: reason %q", ext, why)
		}
		if get(4, "error") != "line 5: 3 fields, the header has 4" || get(4, "line") != "5" {
			t.Errorf("%s: ragged row %q", ext, rows[4])
		}
	}
}

// TestBatchBadFiles: every bad input gets a clear message and exit 1
// before any list is loaded, and leaves no output.
func TestBatchBadFiles(t *testing.T) {
	dir := t.TempDir()
	badXLSX := excelize.NewFile()
	badXLSX.SetSheetRow("Sheet1", "A1", &[]any{"Kim Jong Un", "1984-01-08"})
	badXLSX.SaveAs(filepath.Join(dir, "noheader.xlsx"))
	for _, tc := range []struct{ file, content, msg string }{
		{"empty.csv", "", "empty.csv: empty: nothing to screen"},
		{"binary.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.csv: a binary file (a NUL byte at offset 8), not CSV or JSON lines"},
		{"noheader.xlsx", "", `noheader.xlsx: no column "name" in the header row ("Kim Jong Un", "1984-01-08"); name the columns in the first row, or say which holds the name with --map name=COLUMN`},
		{"old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy .xls workbook"},
	} {
		in := filepath.Join(dir, tc.file)
		if tc.content != "" || !strings.HasSuffix(tc.file, ".xlsx") {
			os.WriteFile(in, []byte(tc.content), 0o644)
		}
		out := filepath.Join(dir, "out.csv")
		// --data points at no lists: a bad input is refused before
		// loading them.
		code, _, errs := run(t, nil, "batch", "--data", dir, "--in", in, "--out", out)
		if code != exitError || !strings.Contains(errs, tc.msg) || strings.Contains(errs, "no sanctions list") {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.file, code, errs, tc.msg)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: output written", tc.file)
		}
		if _, err := os.Stat(out + ".partial"); err == nil {
			t.Errorf("%s: partial output written", tc.file)
		}
	}
}

// killInput is the interrupt test's input: a CSV of parties, some listed
// in the fixture lists, some rows bad.
func killInput(n int) string {
	listed := []string{"Kim Jong Un", "Banco Nacional de Cuba", "CIMEX", "Musa Abu Marzuk", "ARTAVIL", "Hasan Nasrallah"}
	first := []string{"Anna", "Jean", "Mohammed", "Li", "Olga", "Pedro", "Aiko", "Kwame", "Sofia", "Raj"}
	last := []string{"Schmidt", "Dupont", "Haddad", "Wei", "Ivanova", "Silva", "Tanaka", "Mensah", "Rossi", "Patel"}
	var b strings.Builder
	b.WriteString("Company Name,DOB,Country,Reg No\n")
	for i := range n {
		name := first[i%len(first)] + " " + last[(i/len(first)+i)%len(last)]
		if i%7 == 3 {
			name = listed[i%len(listed)]
		}
		switch i % 53 {
		case 11:
			fmt.Fprintf(&b, "%q,19%02d\n", name, i%100) // ragged
			continue
		case 29:
			fmt.Fprintf(&b, "%q,not a date,,\n", name)
			continue
		}
		fmt.Fprintf(&b, "%q,19%02d-%02d-%02d,%s,R%05d\n", name, 40+i%60, 1+i%12, 1+i%28, []string{"KP", "Cuba", "", "DE", "Lebanon"}[i%5], i)
	}
	return b.String()
}

// TestBatchKill is the interrupt test: a batch is killed (kill -9, and
// now and then Ctrl-C) at random points ten times, resumed each time, and
// its output must be byte for byte that of an uninterrupted run. After
// some kills the partial output gets garbage appended, as a power cut
// leaves bytes written after the last sync. The input has
// $INTERDICT_BATCH_KILL_ROWS rows (default 3,000).
func TestBatchKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	rows := 3000
	if v, err := strconv.Atoi(os.Getenv("INTERDICT_BATCH_KILL_ROWS")); err == nil && v > 0 {
		rows = v
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "parties.csv")
	if err := os.WriteFile(in, []byte(killInput(rows)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"csv", "xlsx"} {
		t.Run(ext, func(t *testing.T) {
			args := func(out string) []string {
				return []string{"batch", "--data", fixture, "--in", in, "--out", out, "--map", "name=Company Name,dob=DOB,country=Country,id=Reg No",
					"--checkpoint", "97", "--workers", "2", "--progress", "off"}
			}
			ref := filepath.Join(dir, "ref."+ext)
			if b, err := child(t, args(ref)...).CombinedOutput(); err != nil {
				t.Fatalf("uninterrupted run: %v\n%s", err, b)
			}
			want, _ := os.ReadFile(ref)

			out := filepath.Join(dir, "out."+ext)
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 5))
			kills, sigints, resumes := 0, 0, 0
			for attempt := 0; kills+sigints < 10; attempt++ {
				if attempt > 60 {
					t.Fatalf("only %d kills in %d attempts", kills+sigints, attempt)
				}
				// Kill when the partial output passes a random size beyond
				// what it holds now (the last run's bytes are there until
				// the new run cuts them back).
				var have int64
				if fi, err := os.Stat(out + ".partial"); err == nil {
					have = fi.Size()
				}
				target := have + 1 + rng.Int64N(max(1, int64(len(want))/12))
				cmd := child(t, args(out)...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				sigint := attempt%4 == 3
				var err error
			wait:
				for {
					select {
					case err = <-done:
						break wait
					case <-time.After(time.Millisecond):
						if fi, e := os.Stat(out + ".partial"); e == nil && fi.Size() >= target {
							if sigint {
								cmd.Process.Signal(os.Interrupt)
							} else {
								cmd.Process.Kill()
							}
							err = <-done
							break wait
						}
					}
				}
				if strings.Contains(stderr.String(), "resuming at row") {
					resumes++
				}
				var ee *exec.ExitError
				switch {
				case err == nil:
					// It finished before the kill: start over so that the
					// kills land in a run.
					if _, e := os.Stat(out); e != nil {
						t.Fatalf("exit 0 without the output: %s", stderr.String())
					}
					os.Remove(out)
					continue
				case errors.As(err, &ee) && ee.ExitCode() == exitInterrupted:
					sigints++
					if !strings.Contains(stderr.String(), "run the same command again to continue") {
						t.Errorf("Ctrl-C: %s", stderr.String())
					}
				case errors.As(err, &ee) && !ee.Exited():
					kills++
				default:
					t.Fatalf("child: %v\n%s", err, stderr.String())
				}
				if _, e := os.Stat(out); e == nil {
					t.Fatalf("interrupted, yet %s exists", out)
				}
				if attempt%3 == 1 {
					f, err := os.OpenFile(out+".partial", os.O_WRONLY|os.O_APPEND, 0)
					if err == nil {
						f.WriteString("\n\"torn row,never synced")
						f.Close()
					}
				}
			}
			b, err := child(t, args(out)...).CombinedOutput()
			if err != nil {
				t.Fatalf("last run: %v\n%s", err, b)
			}
			got, _ := os.ReadFile(out)
			t.Logf("%d rows, %d kill -9, %d Ctrl-C, %d resumed runs; output %d bytes", rows, kills, sigints, resumes, len(got))
			if resumes == 0 {
				t.Errorf("no run resumed")
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the resumed output (%d bytes) differs from the uninterrupted run's (%d bytes)", len(got), len(want))
			}
			for _, left := range []string{".partial", ".checkpoint"} {
				if _, err := os.Stat(out + left); err == nil {
					t.Errorf("%s left behind", left)
				}
			}
		})
	}
}

// scaleInput writes a CSV of n rows of real-looking parties: the 100,000
// synthetic negatives of ../shared (first and last names recombined, so
// that a million rows are not ten copies), and one row in ten a name from
// the OFAC SDN list.
func scaleInput(t testing.TB, path string, n int) {
	t.Helper()
	type person struct{ first, last, dob, country string }
	var people []person
	for _, f := range []string{"negatives_global.csv", "negatives_us.csv"} {
		r := csv.NewReader(shared.Open(t, "negatives_yente_synthetic", f))
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs[1:] { // full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality
			people = append(people, person{rec[1], rec[3], rec[5], rec[7]})
		}
	}
	r := csv.NewReader(shared.Open(t, "ofac_sdn_2024-05-03", "sdn.csv"))
	r.FieldsPerRecord = -1
	var listed []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil && len(rec) > 1 {
			listed = append(listed, rec[1])
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	cw := csv.NewWriter(w)
	cw.Write([]string{"Company Name", "DOB", "Country", "Reg No"})
	for i := range n {
		if i%10 == 9 {
			cw.Write([]string{listed[(i/10)%len(listed)], "", "", ""})
			continue
		}
		p := people[i%len(people)]
		last := people[(i*7919+i/len(people))%len(people)].last
		reg := ""
		if i%3 == 0 {
			reg = fmt.Sprintf("HRB %d", 100000+i)
		}
		cw.Write([]string{p.first + " " + last, p.dob, p.country, reg})
	}
	cw.Flush()
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// rss reads a process's resident set from /proc (0 where there is none).
func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestBatchScale screens a CSV of real-looking names against every list
// of ../shared in a child process, sampling its resident memory: memory
// must not grow with the rows once screening runs. The figure is
// a million rows: INTERDICT_BATCH_ROWS=1000000 (the default is 50,000);
// the time, rate and peak memory are logged for the README, never
// asserted.
func TestBatchScale(t *testing.T) {
	if testing.Short() {
		t.Skip("screens tens of thousands of rows against every list")
	}
	data := shared.Data(t)
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc to read the child's memory")
	}
	n := 50000
	if v, err := strconv.Atoi(os.Getenv("INTERDICT_BATCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "parties.csv")
	scaleInput(t, in, n)
	out := filepath.Join(dir, "out.csv")
	sumPath := filepath.Join(dir, "summary.json")
	cmd := child(t, "batch", "--data", data, "--in", in, "--out", out, "--map", "name=Company Name,dob=DOB,country=Country,id=Reg No",
		"--summary", sumPath, "--progress", "lines")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Sample the child's memory with the rows it has written (the
	// partial output's size stands for them).
	type sample struct {
		rss, out int64
	}
	var samples []sample
	var err error
loop:
	for {
		select {
		case err = <-done:
			break loop
		case <-time.After(100 * time.Millisecond):
			var o int64
			if fi, e := os.Stat(out + ".partial"); e == nil {
				o = fi.Size()
			}
			if r := rss(cmd.Process.Pid); r > 0 {
				samples = append(samples, sample{r, o})
			}
		}
	}
	wall := time.Since(start)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var sum batch.Summary
	b, _ := os.ReadFile(sumPath)
	if err := json.Unmarshal(b, &sum); err != nil || sum.Rows != n || !sum.Complete {
		t.Fatalf("summary %s: %v", b, err)
	}
	// Compare the peak while the first third of the output was written
	// with the peak while the last third was.
	fi, _ := os.Stat(out)
	var peak, early, late int64
	for _, s := range samples {
		peak = max(peak, s.rss)
		switch {
		case s.out > 0 && s.out < fi.Size()/3:
			early = max(early, s.rss)
		case s.out > fi.Size()*2/3:
			late = max(late, s.rss)
		}
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	t.Logf("%d rows in %s wall (%.0f rows/s screening, %.1f s); peak RSS %d MiB; RSS peak %d MiB in the first third of the rows, %d MiB in the last; hits %d, rejects %d\n%s",
		n, wall.Round(100*time.Millisecond), sum.RowsPerSecond, sum.Seconds, peak>>20, early>>20, late>>20, sum.Hits, sum.Rejects, lines[len(lines)-1])
	if early == 0 || late == 0 {
		t.Skipf("too few memory samples (%d)", len(samples))
	}
	// The garbage collector lets the heap swing up to twice what is
	// live, so the bound is loose; a leak of even a hundred bytes a row
	// would pass it at 50,000 rows but not at a million.
	if late > early+early/4 {
		t.Errorf("resident memory grew with the rows: %d MiB early, %d MiB late", early>>20, late>>20)
	}
}

// BenchmarkBatchCSV screens 20,000 rows of scaleInput against every list
// of ../shared, CSV in and out (explanations on, for the reasons).
//
//	go test ./cmd/interdict -run '^$' -bench BatchCSV -benchtime 3x -cpuprofile cpu.out
func BenchmarkBatchCSV(b *testing.B) {
	data := shared.Data(b)
	cat, err := source.Load(context.Background(), data)
	if err != nil {
		b.Fatal(err)
	}
	s := newLoaded(cat, 0).screener
	dir := b.TempDir()
	in := filepath.Join(dir, "parties.csv")
	const n = 20000
	scaleInput(b, in, n)
	fm := batch.DefaultFieldMap()
	fm.Parse("name=Company Name,dob=DOB,country=Country,id=Reg No")
	for _, format := range []batch.Format{batch.CSV, batch.JSONL} {
		b.Run(format.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				job, err := batch.Open(batch.Options{In: in, Out: "-", OutFormat: format, Stdout: io.Discard, Map: fm,
					Base: interdict.Query{Limit: screen.DefaultLimit, MinScore: screen.DefaultFloor}, ParseID: parseIdentifier, Workers: 2})
				if err != nil {
					b.Fatal(err)
				}
				sum, err := job.Run(context.Background(), s, s.Threshold, "bench")
				job.Close()
				if err != nil || sum.Rows != n {
					b.Fatalf("%d rows, %v", sum.Rows, err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
