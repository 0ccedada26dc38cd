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
	"inc":     func(i int) int { return i + 1 },
	// columns are the headers of the parties table, which label each
	// answer when the table is laid out one party per block (phones);
	// CSS gives the labels so that each of the many cells need not.
	"columns": func(rep *Report) []string {
		var hs []string
		if rep.Names {
			hs = append(hs, "name asked", "found")
		}
		hs = append(hs, "party", "cluster")
		for _, a := range rep.Allies {
			hs = append(hs, a.Code)
		}
		return hs
	},
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
*,*::before,*::after{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;padding:1.25em;color:#172033;background:#fff}
h1{font-size:1.5em;line-height:1.25;margin:0 0 .75em}
p{max-width:60em}
.scroll{overflow-x:auto;margin:.5em 0 1.75em;max-width:100%}
.scroll:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
table{border-collapse:collapse}
caption{text-align:left;font-weight:650;padding:.3em 0;color:#4a5568}
th,td{border:1px solid #d5dae2;padding:.3em .55em;vertical-align:top;text-align:left}
thead th{background:#f1f4f8;white-space:nowrap}
tbody th{background:#f8fafc;font-weight:600}
td{overflow-wrap:break-word}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.listed{background:#fde2e1}
td.not-listed{background:#e6f4e6}
td.unknown{background:#eef0f3;color:#4a5568}
.note{color:#4a5568}
#parties td{min-width:8.5em}
#parties td.party{min-width:12em;font-weight:600}
#parties td.id{min-width:0;white-space:nowrap}
@media (max-width:44rem){
body{padding:.75em;font-size:15px}
h1{font-size:1.3em}
/* The parties table becomes one block per party, each answer under its ally's name. */
#parties-wrap{overflow-x:visible}
#parties,#parties tbody,#parties tr,#parties td{display:block;width:100%}
#parties thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
/* Blocks off screen are not laid out: a report of every party is tens of thousands of them. */
#parties tr{border:1px solid #d5dae2;border-radius:6px;margin:0 0 .6em;padding:.2em 0;content-visibility:auto;contain-intrinsic-size:auto 20em}
#parties td{border:0;border-bottom:1px solid #eef0f3;min-width:0;overflow-wrap:anywhere;padding:.25em .5em .25em 6.5em;position:relative;min-height:1.9em}
#parties td:last-child{border-bottom:0}
#parties td::before{position:absolute;left:.5em;top:.25em;width:5.5em;font-weight:600;color:#4a5568;font-size:.85em}
{{range $i, $h := columns .}}#parties td:nth-child({{inc $i}})::before{content:"{{$h}}"}
{{end}}#parties td.party,#parties td.id{min-width:0;white-space:normal}
}
</style></head><body>
<h1>Harmonisation gaps{{if .Program}}: program {{.Program}}{{end}}</h1>
<div class="scroll" role="region" aria-labelledby="cap-sources" tabindex="0">
<table id="sources"><caption id="cap-sources">Lists loaded</caption>
<thead><tr><th scope="col">ally</th><th scope="col">list</th><th scope="col">published</th><th scope="col">coverage</th><th scope="col">records</th><th scope="col">answers "not listed"?</th></tr></thead>
<tbody>
{{range .Sources}}<tr><td>{{.Ally}}</td><td>{{.Source}}{{if .Primary}}*{{end}}</td><td>{{.Published}}</td><td>{{.Coverage}}</td><td class="num">{{.Entities}}</td><td>{{if not .Primary}}{{if .Loaded}}(adds listings){{else}}(not loaded){{end}}{{else if .Note}}no: {{.Note}}{{else}}yes{{end}}</td></tr>
{{end}}</tbody></table></div>
<p class="note">* the list that decides "not listed" for its ally. Where it cannot (an excerpt, a list much older than the newest, or older than the party's designation by another ally) the answer is "unknown".</p>
<p>{{if .Names}}{{len .Rows}} names; {{.Clusters}} found on a list{{else}}{{len .Rows}} parties listed by at least one ally{{end}}; {{.Gaps}} listed by some allies and not by others.</p>
{{$rep := .}}<div class="scroll" role="region" aria-labelledby="cap-totals" tabindex="0">
<table id="totals"><caption id="cap-totals">Answers per ally</caption>
<thead><tr><th scope="col">answer</th>{{range .Allies}}<th scope="col" class="num">{{.Code}}</th>{{end}}</tr></thead>
<tbody>
{{range states}}{{$st := .}}<tr><th scope="row">{{$st}}</th>{{range $rep.Allies}}<td class="num">{{total $rep .Code $st}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
<div class="scroll" role="region" aria-labelledby="cap-pairs" tabindex="0">
<table id="pairs"><caption id="cap-pairs">Listed by (row) and not by (column)</caption>
<thead><tr><th scope="col">listed by</th>{{range .Allies}}<th scope="col" class="num">{{.Code}}</th>{{end}}</tr></thead>
<tbody>
{{range $a := .Allies}}<tr><th scope="row">{{$a.Code}}</th>{{range $b := $rep.Allies}}<td class="num">{{if eq $a.Code $b.Code}}-{{else}}{{pair $rep $a.Code $b.Code}}{{end}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
{{if .ByRegime}}<div class="scroll" role="region" aria-labelledby="cap-regimes" tabindex="0">
<table id="regimes"><caption id="cap-regimes">Gaps by regime (list: program)</caption>
<thead><tr><th scope="col">regime</th><th scope="col">parties</th><th scope="col">not listed by</th><th scope="col">unknown for</th></tr></thead>
<tbody>
{{range top .ByRegime}}<tr><td>{{.Key}}</td><td class="num">{{.Clusters}}</td><td>{{perAlly $rep .NotListed}}</td><td>{{perAlly $rep .Unknown}}</td></tr>
{{end}}</tbody></table></div>{{end}}
{{if .ByCountry}}<div class="scroll" role="region" aria-labelledby="cap-countries" tabindex="0">
<table id="countries"><caption id="cap-countries">Gaps by country</caption>
<thead><tr><th scope="col">country</th><th scope="col">parties</th><th scope="col">not listed by</th><th scope="col">unknown for</th></tr></thead>
<tbody>
{{range top .ByCountry}}<tr><td>{{.Key}}</td><td class="num">{{.Clusters}}</td><td>{{perAlly $rep .NotListed}}</td><td>{{perAlly $rep .Unknown}}</td></tr>
{{end}}</tbody></table></div>{{end}}
<div class="scroll" id="parties-wrap" role="region" aria-labelledby="cap-parties" tabindex="0">
<table id="parties"><caption id="cap-parties">{{if .Names}}Names{{else}}Parties{{end}}</caption>
<thead><tr>{{if .Names}}<th scope="col">name asked</th><th scope="col">found</th>{{end}}<th scope="col">party</th><th scope="col">cluster</th>{{range .Allies}}<th scope="col">{{.Code}}</th>{{end}}</tr></thead>
<tbody>
{{range $r := .Rows}}<tr>{{if $rep.Names}}<td class="party">{{$r.Query}}{{if $r.QueryCountry}} ({{$r.QueryCountry}}){{end}}</td><td>{{$r.Found}}</td>{{end}}<td{{if not $rep.Names}} class="party"{{end}}>{{$r.Name}}</td><td class="id">{{$r.Cluster}}</td>{{range $rep.Allies}}{{$c := cellOf $r .Code}}<td class="{{class $c}}">{{cell $c}}</td>{{end}}</tr>
{{end}}</tbody></table></div>
</body></html>
`))

// WriteHTML writes the report as one self-contained HTML page.
func (rep *Report) WriteHTML(w io.Writer) error {
	return page.Execute(w, rep)
}
