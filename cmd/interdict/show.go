package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/country"
	"github.com/interdict/interdict/source"
)

func (m *Main) runShow(ctx context.Context, args []string) int {
	var d dirs
	fs := m.flags("show", &d)
	asJSON := fs.Bool("json", false, "print the entity as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(m.Stderr, "usage: interdict show ID [--json]   (an id such as ofac-sdn:35096, un:6908555, uk:RUS0001)")
		return exitUsage
	}
	cat := m.load(ctx, &d)
	if cat == nil {
		return exitError
	}
	e, where := findEntity(cat, pos[0])
	if e == nil {
		fmt.Fprintf(m.Stderr, "interdict: no entity %q in the loaded lists\n", pos[0])
		return exitError
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(e); err != nil {
			fmt.Fprintf(m.Stderr, "interdict: %v\n", err)
			return exitError
		}
		return exitOK
	}
	if where != "" {
		fmt.Fprintf(m.Stdout, "NOT ON THE LIVE LIST: found only in %s\n\n", where)
	}
	writeEntity(m.Stdout, e)
	writeInbound(m.Stdout, inbound(cat, e.ID))
	if where == "" {
		writeSources(ctx, m.Stdout, cat, e)
	}
	return exitOK
}

// findEntity looks an id up in every live list, then by alternative key
// ("uk-group:12345"), then as a bare publisher id of any source, then in
// earlier versions (a delisted entity); where names the earlier version.
func findEntity(cat *source.Catalog, id string) (e *interdict.Entity, where string) {
	for _, l := range cat.Lists {
		for _, x := range l.Live.Entities {
			if x.ID == id {
				return x, ""
			}
		}
	}
	for _, l := range cat.Lists {
		for _, x := range l.Live.Entities {
			for _, k := range x.AltKeys {
				if k == id {
					return x, ""
				}
			}
			if strings.HasSuffix(x.ID, ":"+id) {
				return x, ""
			}
		}
	}
	for _, l := range cat.Lists {
		for _, v := range l.Earlier {
			for _, x := range v.Entities {
				if x.ID == id {
					return x, fmt.Sprintf("%s version %s (%s)", l.Source, v.Published, strings.Join(v.Files, ", "))
				}
			}
		}
	}
	return nil, ""
}

func writeEntity(w io.Writer, e *interdict.Entity) {
	fmt.Fprintf(w, "%s  %s\n", e.ID, e.PrimaryName())
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-15s %s\n", label+":", value)
		}
	}
	field("kind", string(e.Kind))
	field("source", e.Source)
	field("also keyed", strings.Join(e.AltKeys, ", "))
	field("gender", string(e.Gender))
	field("titles", strings.Join(e.Titles, "; "))
	var dates []string
	for _, d := range e.BirthDates {
		dates = append(dates, d.String())
	}
	label := "born"
	if e.Kind != interdict.KindPerson && e.Kind != interdict.KindUnknown {
		label = "established"
		if e.Kind == interdict.KindVessel {
			label = "built"
		}
	}
	field(label, strings.Join(dates, ", "))
	field("birth places", strings.Join(e.BirthPlaces, "; "))
	field("nationality", countryList(e.Nationalities))
	field("citizenship", countryList(e.Citizenships))
	field("countries", countryList(e.Countries))
	field("programs", strings.Join(e.Programs, ", "))
	field("listed on", e.ListedOn.String())

	if len(e.Names) > 0 {
		fmt.Fprintln(w, "  names:")
		for _, n := range e.Names {
			parts := []string{string(n.Type), string(n.Script)}
			if n.Lang != "" {
				parts = append(parts, n.Lang)
			}
			var np []string
			for _, p := range [][2]string{{"given", n.Given}, {"middle", n.Middle}, {"patronymic", n.Patronymic}, {"family", n.Family}} {
				if p[1] != "" {
					np = append(np, p[0]+"="+p[1])
				}
			}
			extra := ""
			if len(np) > 0 {
				extra = "  {" + strings.Join(np, ", ") + "}"
			}
			fmt.Fprintf(w, "    %-40s [%s]%s\n", n.Full, strings.Join(parts, ", "), extra)
		}
	}
	if len(e.Identifiers) > 0 {
		fmt.Fprintln(w, "  identifiers:")
		for _, id := range e.Identifiers {
			s := fmt.Sprintf("    %-16s %s", id.Type, id.Value)
			if id.Country != "" {
				s += " (" + id.Country + ")"
			}
			if id.Label != "" && id.Label != string(id.Type) {
				s += "  [" + id.Label + "]"
			}
			if id.Note != "" {
				s += "  " + id.Note
			}
			fmt.Fprintln(w, s)
		}
	}
	if len(e.Addresses) > 0 {
		fmt.Fprintln(w, "  addresses:")
		for _, a := range e.Addresses {
			s := a.String()
			if a.Full != "" && a.Country != "" && !strings.HasSuffix(s, a.Country) {
				s += " [" + a.Country + "]"
			}
			fmt.Fprintf(w, "    %s\n", s)
		}
	}
	if v := e.Vessel; v != nil {
		fmt.Fprintln(w, "  vessel:")
		for _, p := range [][2]string{{"type", v.Type}, {"flag", v.Flag}, {"tonnage", v.Tonnage}, {"GRT", v.GRT}, {"owner", v.Owner}, {"built", v.Built}} {
			if p[1] != "" {
				fmt.Fprintf(w, "    %-13s %s\n", p[0]+":", p[1])
			}
		}
	}
	if len(e.Links) > 0 {
		fmt.Fprintln(w, "  links:")
		for _, l := range e.Links {
			s := fmt.Sprintf("    %-12s %s", l.Type, l.OtherName)
			if l.OtherID != "" {
				s += "  → " + l.OtherID
			}
			if l.Note != "" && l.Note != l.OtherName {
				s += "  (" + l.Note + ")"
			}
			fmt.Fprintln(w, s)
		}
	}
	if e.Remarks != "" {
		fmt.Fprintln(w, "  remarks:")
		fmt.Fprintln(w, indent(wrap(e.Remarks, 96), "    "))
	}
}

// inboundLink is a link another live entity makes to the one shown.
type inboundLink struct {
	from *interdict.Entity
	link interdict.Link
}

// inbound finds the live entities whose links point at id: for a person,
// the yachts and companies whose remarks say "Linked To" them.
func inbound(cat *source.Catalog, id string) []inboundLink {
	var out []inboundLink
	for _, l := range cat.Lists {
		for _, x := range l.Live.Entities {
			for _, k := range x.Links {
				if k.OtherID == id && x.ID != id {
					out = append(out, inboundLink{from: x, link: k})
				}
			}
		}
	}
	return out
}

func writeInbound(w io.Writer, in []inboundLink) {
	if len(in) == 0 {
		return
	}
	fmt.Fprintln(w, "  named by (links from other entities):")
	for _, x := range in {
		fmt.Fprintf(w, "    %-12s %-16s %s  [%s]\n", x.link.Type, x.from.ID, x.from.PrimaryName(), x.from.Kind)
	}
}

func countryList(codes []string) string {
	var out []string
	for _, c := range codes {
		if n := country.Name(c); n != "" {
			out = append(out, c+" "+n)
		} else {
			out = append(out, c)
		}
	}
	return strings.Join(out, ", ")
}

func wrap(s string, width int) string {
	var b strings.Builder
	line := 0
	for _, w := range strings.Fields(s) {
		if line > 0 && line+1+len(w) > width {
			b.WriteByte('\n')
			line = 0
		} else if line > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
