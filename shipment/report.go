package shipment

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/goods"
)

// The report is one self-contained HTML page (its CSS inline, no scripts,
// no fetched assets) laid out for A4 printing, so that an exporter can
// print it, or save it as PDF, and file it with the decision.
//
//go:embed report.html.tmpl
var reportHTML string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc":         func(i int) int { return i + 1 },
	"join":        strings.Join,
	"dotted":      func(s string) string { return goods.HSCode(s).Dotted() },
	"countryName": func(c string) string { return country.Name(c) },
	"roleName": func(r string) string {
		r = strings.ReplaceAll(r, "_", " ")
		return strings.ToUpper(r[:1]) + r[1:]
	},
	"num": func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
}).Parse(reportHTML))

// WriteHTML writes the printable report of a decision: the level, every
// reason with its evidence and source, the parties and their matches, the
// route, the goods lines and the controls they fall under, the table
// entries cited, every rule, and the versions and time of the screening.
func WriteHTML(w io.Writer, d *Decision) error {
	if d == nil || d.Shipment == nil {
		return fmt.Errorf("shipment report: no decision")
	}
	data := struct {
		D     *Decision
		Rules []Rule
		Files []goods.TableInfo
		Floor float64
	}{D: d, Rules: Rules, Floor: d.MatchFloor}
	if d.GoodsTables == goods.Default().Version {
		data.Files = goods.Default().Files
	}
	return reportTmpl.Execute(w, data)
}
