package gaps

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strings"
	"text/tabwriter"
)

// cellText is a short form of a cell for tables: "listed (IRAN, NPWMD)",
// "no", "?".
func cellText(c Cell, long bool) string {
	switch c.State {
	case Listed:
		var regs []string
		for _, r := range c.Regimes {
			_, progs, _ := strings.Cut(r, ": ")
			if progs != "" {
				regs = append(regs, progs)
			}
		}
		s := "listed"
		if len(regs) > 0 {
			p := strings.Join(regs, "; ")
			if !long && len([]rune(p)) > 28 {
				p = string([]rune(p)[:27]) + "…"
			}
			s += " (" + p + ")"
		}
		return s
	case NotListed:
		return "no"
	}
	if long {
		return "unknown: " + c.Why
	}
	return "?"
}

// WriteText writes the report as plain-text tables. limit bounds the
// party rows of a cluster report (0: all); a names report shows every
// name.
func (rep *Report) WriteText(w io.Writer, limit int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ally\tlist\tpublished\tcoverage\trecords\tanswers \"not listed\"?")
	for _, s := range rep.Sources {
		name := s.Source
		if s.Primary {
			name += "*"
		}
		answer := "yes"
		switch {
		case !s.Primary:
			answer = "(adds listings)"
			if !s.Loaded {
				answer = "(not loaded)"
			}
		case s.Note != "":
			answer = "no: " + s.Note
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", s.Ally, name, dash(s.Published), dash(string(s.Coverage)), s.Entities, answer)
	}
	tw.Flush()
	fmt.Fprintln(w, "* the list that decides \"not listed\" for its ally; \"unknown\" where it cannot (an excerpt, a list much older than the newest, or older than the party's designation elsewhere)")
	fmt.Fprintln(w)
	if rep.Names {
		fmt.Fprintf(w, "%d names; %d found on a list; %d listed by some allies and not by others\n", len(rep.Rows), rep.Clusters, rep.Gaps)
	} else {
		what := "parties (clusters of records)"
		if rep.Program != "" {
			what += fmt.Sprintf(" with a program or regime containing %q", rep.Program)
		}
		fmt.Fprintf(w, "%d %s listed by at least one ally; %d listed by some allies and not by others\n", len(rep.Rows), what, rep.Gaps)
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "answer\t")
	for _, a := range rep.Allies {
		fmt.Fprintf(tw, "%s\t", a.Code)
	}
	fmt.Fprintln(tw)
	for _, st := range []State{Listed, NotListed, Unknown} {
		fmt.Fprintf(tw, "%s\t", st)
		for _, a := range rep.Allies {
			fmt.Fprintf(tw, "%d\t", rep.Totals[a.Code][st])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "listed by (row) and not by (column), where the column's list can say so:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, a := range rep.Allies {
		fmt.Fprintf(tw, "%s\t", a.Code)
	}
	fmt.Fprintln(tw)
	for _, a := range rep.Allies {
		fmt.Fprintf(tw, "%s\t", a.Code)
		for _, b := range rep.Allies {
			if a.Code == b.Code {
				fmt.Fprint(tw, "-\t")
				continue
			}
			fmt.Fprintf(tw, "%d\t", rep.Pairs[a.Code][b.Code])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	for _, part := range []struct {
		title  string
		counts []Count
	}{{"gaps by regime (list: program)", rep.ByRegime}, {"gaps by country", rep.ByCountry}} {
		if len(part.counts) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s, most first:\n", part.title)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\tparties\tnot listed by\tunknown for")
		n := len(part.counts)
		if limit > 0 {
			n = min(n, 25)
		}
		for _, c := range part.counts[:n] {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", clip(c.Key, 50), c.Clusters, rep.perAlly(c.NotListed), rep.perAlly(c.Unknown))
		}
		tw.Flush()
		if n < len(part.counts) {
			fmt.Fprintf(w, "(%d more; --limit 0 or --format csv for all)\n", len(part.counts)-n)
		}
	}
	rows := rep.Rows
	if limit > 0 && !rep.Names && len(rows) > limit {
		rows = rows[:limit]
	}
	fmt.Fprintln(w)
	if len(rows) < len(rep.Rows) {
		fmt.Fprintf(w, "parties, the first %d of %d (--limit 0 or --format csv for all):\n", len(rows), len(rep.Rows))
	} else {
		fmt.Fprintln(w, "parties:")
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if rep.Names {
		fmt.Fprint(tw, "name\t")
	}
	fmt.Fprint(tw, "party\tcluster\t")
	for _, a := range rep.Allies {
		fmt.Fprintf(tw, "%s\t", a.Code)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		if rep.Names {
			fmt.Fprintf(tw, "%s\t", clip(r.Query, 40))
		}
		name := r.Name
		if name == "" {
			name = "(not found)"
		}
		fmt.Fprintf(tw, "%s\t%s\t", clip(name, 40), dash(r.Cluster))
		for _, a := range rep.Allies {
			fmt.Fprintf(tw, "%s\t", cellText(r.Cells[a.Code], false))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func (rep *Report) perAlly(m map[string]int) string {
	var parts []string
	for _, a := range rep.Allies {
		if n := m[a.Code]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", a.Code, n))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// WriteCSV writes one line per row: the party, then per ally its state,
// regimes, records and, for unknown, why.
func (rep *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"query", "query_country", "found", "cluster", "name", "kind", "countries", "gap"}
	for _, a := range rep.Allies {
		head = append(head, a.Code, a.Code+"_regimes", a.Code+"_records", a.Code+"_why")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range rep.Rows {
		rec := []string{r.Query, r.QueryCountry, r.Found, r.Cluster, csvSafe(r.Name), string(r.Kind), strings.Join(r.Countries, ";"), fmt.Sprint(r.Gap)}
		for _, a := range rep.Allies {
			c := r.Cells[a.Code]
			rec = append(rec, string(c.State), csvSafe(strings.Join(c.Regimes, "; ")), strings.Join(c.Records, ";"), c.Why)
		}
		rec[0] = csvSafe(rec[0])
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

var page = template.Must(template.New("gaps").Funcs(template.FuncMap{
	"cell":    func(c Cell) string { return cellText(c, true) },
	"class":   func(c Cell) string { return strings.ReplaceAll(string(c.State), " ", "-") },
	"total":   func(rep *Report, code string, st State) int { return rep.Totals[code][st] },
	"pair":    func(rep *Report, a, b string) int { return rep.Pairs[a][b] },
	"perAlly": func(rep *Report, m map[string]int) string { return rep.perAlly(m) },
	"states":  func() []State { return []State{Listed, NotListed, Unknown} },
	"cellOf":  func(r Row, code string) Cell { return r.Cells[code] },
	"top": func(cs []Count) []Count {
		if len(cs) > 50 {
			return cs[:50]
		}
		return cs
	},
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interdict: harmonisation gaps{{if .Program}} ({{.Program}}){{end}}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f2f2f2}
td.num{text-align:right}
td.listed{background:#fde2e1}
td.not-listed{background:#e6f4e6}
td.unknown{background:#eee;color:#666}
caption{text-align:left;font-weight:bold;padding:.3em 0}
.note{color:#555}
</style></head><body>
<h1>Harmonisation gaps{{if .Program}}: program {{.Program}}{{end}}</h1>
<table id="sources"><caption>Lists loaded</caption>
<tr><th>ally</th><th>list</th><th>published</th><th>coverage</th><th>records</th><th>answers "not listed"?</th></tr>
{{range .Sources}}<tr><td>{{.Ally}}</td><td>{{.Source}}{{if .Primary}}*{{end}}</td><td>{{.Published}}</td><td>{{.Coverage}}</td><td class="num">{{.Entities}}</td><td>{{if not .Primary}}{{if .Loaded}}(adds listings){{else}}(not loaded){{end}}{{else if .Note}}no: {{.Note}}{{else}}yes{{end}}</td></tr>
{{end}}</table>
<p class="note">* the list that decides "not listed" for its ally. Where it cannot (an excerpt, a list much older than the newest, or older than the party's designation by another ally) the answer is "unknown".</p>
<p>{{if .Names}}{{len .Rows}} names; {{.Clusters}} found on a list{{else}}{{len .Rows}} parties listed by at least one ally{{end}}; {{.Gaps}} listed by some allies and not by others.</p>
<table id="totals"><caption>Answers per ally</caption>
<tr><th></th>{{range .Allies}}<th>{{.Code}}</th>{{end}}</tr>
{{$rep := .}}{{range states}}{{$st := .}}<tr><th>{{$st}}</th>{{range $rep.Allies}}<td class="num">{{total $rep .Code $st}}</td>{{end}}</tr>
{{end}}</table>
<table id="pairs"><caption>Listed by (row) and not by (column)</caption>
<tr><th></th>{{range .Allies}}<th>{{.Code}}</th>{{end}}</tr>
{{range $a := .Allies}}<tr><th>{{$a.Code}}</th>{{range $b := $rep.Allies}}<td class="num">{{if eq $a.Code $b.Code}}-{{else}}{{pair $rep $a.Code $b.Code}}{{end}}</td>{{end}}</tr>
{{end}}</table>
{{if .ByRegime}}<table id="regimes"><caption>Gaps by regime (list: program)</caption>
<tr><th>regime</th><th>parties</th><th>not listed by</th><th>unknown for</th></tr>
{{range top .ByRegime}}<tr><td>{{.Key}}</td><td class="num">{{.Clusters}}</td><td>{{perAlly $rep .NotListed}}</td><td>{{perAlly $rep .Unknown}}</td></tr>
{{end}}</table>{{end}}
{{if .ByCountry}}<table id="countries"><caption>Gaps by country</caption>
<tr><th>country</th><th>parties</th><th>not listed by</th><th>unknown for</th></tr>
{{range top .ByCountry}}<tr><td>{{.Key}}</td><td class="num">{{.Clusters}}</td><td>{{perAlly $rep .NotListed}}</td><td>{{perAlly $rep .Unknown}}</td></tr>
{{end}}</table>{{end}}
<table id="parties"><caption>Parties</caption>
<tr>{{if .Names}}<th>name asked</th><th>found</th>{{end}}<th>party</th><th>cluster</th>{{range .Allies}}<th>{{.Code}}</th>{{end}}</tr>
{{range $r := .Rows}}<tr>{{if $rep.Names}}<td>{{$r.Query}}{{if $r.QueryCountry}} ({{$r.QueryCountry}}){{end}}</td><td>{{$r.Found}}</td>{{end}}<td>{{$r.Name}}</td><td>{{$r.Cluster}}</td>{{range $rep.Allies}}{{$c := cellOf $r .Code}}<td class="{{class $c}}">{{cell $c}}</td>{{end}}</tr>
{{end}}</table>
</body></html>
`))

// WriteHTML writes the report as one self-contained HTML page.
func (rep *Report) WriteHTML(w io.Writer) error {
	return page.Execute(w, rep)
}
