package web

import (
	"errors"
	"net/http"
	"strings"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
	"github.com/interdict/interdict/source"
)

type fact struct{ Label, Value string }

type entityView struct {
	E       *interdict.Entity
	Primary string
	Kind    string
	// Where the record comes from.
	Format, ListDate, Coverage string
	// Delisted names the earlier version the entity was found in when it
	// is not on the live list.
	Delisted    string
	Facts       []fact
	Names       []nameView
	Identifiers []idView
	Addresses   []addrView
	Vessel      []fact
	Links       []linkView
	Inbound     []linkView
	// NetworkURL is the network page of a live entity.
	NetworkURL string
	// Sources are the party's records on every loaded list (this one
	// included) once the snapshot's network is built; SourcesPending
	// says it is still building.
	Sources        []sourceView
	SourcesPending bool
	// Which optional columns have anything to show.
	NameParts, NameLang, IDCountry, IDLabel, IDNote, LinkNote bool
}

type nameView struct {
	Full, Type, Script, Lang, Parts string
}

type idView struct {
	Type, Value, Country, Label, Note string
}

type addrView struct{ Text, Country string }

// sourceView is one record of the party on a loaded list and the rule
// that tied it to the others.
type sourceView struct {
	Source, ID, URL, Name, Programs string
	This                            bool
	Rule, Evidence                  string
}

type linkView struct {
	Relation, Name, ID, URL, Kind, Source, Note string
}

func (h *handler) entityPage(w http.ResponseWriter, r *http.Request) {
	sess := sessionFrom(r.Context())
	if !sess.key.Role.Allows(interdict.RoleAnalyst) {
		h.failWith(w, r, http.StatusForbidden, "Entity records need the analyst role",
			"Your key may screen names, but opening listed entities needs an analyst or admin key. Ask your administrator if you need it.")
		return
	}
	snap := h.snapshot(w, r)
	if snap == nil {
		return
	}
	id := r.PathValue("id")
	e, ok := snap.Entity(id)
	where := ""
	if ok && e.ID != id {
		// Found by an alternative key: send the reader to the entity's
		// own address.
		http.Redirect(w, r, entityURL(e.ID), http.StatusSeeOther)
		return
	}
	if !ok {
		e, where = findEarlier(snap.Catalog, id)
		if e == nil {
			h.failWith(w, r, http.StatusNotFound, "No such entity",
				"No listed entity has this id in the loaded lists. It may have been mistyped, or the list it was on is not loaded.")
			return
		}
	}
	v := newEntityView(snap, e, where)
	h.render(w, r, http.StatusOK, "entity", &page{Title: v.Primary, Data: v})
}

// findEarlier looks for a delisted entity in the versions kept beside the
// live ones.
func findEarlier(cat *source.Catalog, id string) (*interdict.Entity, string) {
	if cat == nil {
		return nil, ""
	}
	for _, l := range cat.Lists {
		for _, v := range l.Earlier {
			for _, x := range v.Entities {
				if x.ID == id {
					return x, l.Source + " version of " + v.Published
				}
			}
		}
	}
	return nil, ""
}

func newEntityView(snap *dataset.Snapshot, e *interdict.Entity, delisted string) *entityView {
	v := &entityView{E: e, Primary: e.PrimaryName(), Kind: kindLabel(e.Kind), Delisted: delisted}
	if v.Primary == "" {
		v.Primary = e.ID
	}
	if snap.Catalog != nil {
		if l := snap.Catalog.List(e.Source); l != nil && delisted == "" {
			v.Format, v.ListDate, v.Coverage = l.Live.Format, l.Live.Published, string(l.Live.Coverage)
		}
	}

	add := func(label, value string) {
		if value != "" {
			v.Facts = append(v.Facts, fact{label, value})
		}
	}
	add("Kind", kindLabel(e.Kind))
	add("Id", e.ID)
	add("Also keyed as", strings.Join(e.AltKeys, ", "))
	add("Gender", string(e.Gender))
	add("Titles", strings.Join(e.Titles, "; "))
	var dates []string
	for _, d := range e.BirthDates {
		dates = append(dates, d.String())
	}
	born := "Born"
	switch e.Kind {
	case interdict.KindOrganization:
		born = "Established"
	case interdict.KindVessel, interdict.KindAircraft:
		born = "Built"
	}
	add(born, strings.Join(dates, ", "))
	add("Birth places", strings.Join(e.BirthPlaces, "; "))
	add("Nationality", countriesLabel(e.Nationalities))
	add("Citizenship", countriesLabel(e.Citizenships))
	add("Countries", countriesLabel(e.Countries))
	add("Programs", strings.Join(e.Programs, ", "))
	add("Listed on", e.ListedOn.String())

	for _, n := range e.Names {
		var parts []string
		for _, p := range [][2]string{{"given", n.Given}, {"middle", n.Middle}, {"patronymic", n.Patronymic}, {"family", n.Family}} {
			if p[1] != "" {
				parts = append(parts, p[0]+": "+p[1])
			}
		}
		v.NameParts = v.NameParts || len(parts) > 0
		v.NameLang = v.NameLang || n.Lang != ""
		v.Names = append(v.Names, nameView{Full: n.Full, Type: nameTypeLabel(n.Type), Script: scriptLabel(n.Script), Lang: n.Lang, Parts: strings.Join(parts, "; ")})
	}
	for _, id := range e.Identifiers {
		iv := idView{Type: idTypeLabel(id.Type), Value: id.Value, Note: id.Note}
		if id.Country != "" {
			iv.Country = countryLabel(id.Country)
		}
		if id.Label != "" && id.Label != string(id.Type) {
			iv.Label = id.Label
		}
		v.IDCountry = v.IDCountry || iv.Country != ""
		v.IDLabel = v.IDLabel || iv.Label != ""
		v.IDNote = v.IDNote || iv.Note != ""
		v.Identifiers = append(v.Identifiers, iv)
	}
	for _, a := range e.Addresses {
		text := a.Full
		if text == "" {
			c := a
			c.Country = ""
			text = c.String()
		}
		av := addrView{Text: text}
		if a.Country != "" {
			av.Country = countryLabel(a.Country)
		}
		v.Addresses = append(v.Addresses, av)
	}
	if vs := e.Vessel; vs != nil {
		flag := ""
		if vs.Flag != "" {
			flag = countryLabel(vs.Flag)
		}
		for _, f := range []fact{{"Type", vs.Type}, {"Flag", flag}, {"Tonnage", vs.Tonnage}, {"Gross registered tonnage", vs.GRT}, {"Owner", vs.Owner}, {"Built", vs.Built}} {
			if f.Value != "" {
				v.Vessel = append(v.Vessel, f)
			}
		}
	}
	for _, l := range e.Links {
		lv := linkView{Relation: linkLabel(l.Type), Name: l.OtherName, ID: l.OtherID}
		if l.Note != "" && l.Note != l.OtherName {
			lv.Note = l.Note
		}
		if l.OtherID != "" {
			if o, ok := snap.Entity(l.OtherID); ok {
				lv.URL, lv.ID, lv.Kind, lv.Source = entityURL(o.ID), o.ID, kindLabel(o.Kind), o.Source
				if lv.Name == "" {
					lv.Name = o.PrimaryName()
				}
			}
		}
		if lv.Name == "" {
			lv.Name = lv.ID
		}
		v.LinkNote = v.LinkNote || lv.Note != ""
		v.Links = append(v.Links, lv)
	}
	if delisted == "" {
		v.NetworkURL = networkURL(e.ID)
		v.Sources, v.SourcesPending = clusterSources(snap, e)
		for _, in := range snap.Inbound(e.ID) {
			v.Inbound = append(v.Inbound, linkView{Relation: inboundLabel(in.Link.Type), Name: in.From.PrimaryName(), ID: in.From.ID,
				URL: entityURL(in.From.ID), Kind: kindLabel(in.From.Kind), Source: in.From.Source})
		}
	}
	return v
}

// clusterSources lists the records of e's party on every loaded list,
// from the snapshot's network; pending is set while it is being built.
func clusterSources(snap *dataset.Snapshot, e *interdict.Entity) (out []sourceView, pending bool) {
	n := snap.Network()
	if n == nil {
		st, _, err := snap.NetworkStatus()
		return nil, st != dataset.NetworkFailed || errors.Is(err, dataset.ErrNetworkStopped)
	}
	if n.Clusters == nil {
		return nil, false
	}
	cl := n.Clusters.Of(e.ID)
	if cl == nil {
		return nil, false
	}
	for _, m := range cl.Members {
		sv := sourceView{Source: m.Source, ID: m.ID, URL: entityURL(m.ID), Name: m.PrimaryName(), Programs: strings.Join(m.Programs, ", "), This: m.ID == e.ID}
		if !sv.This {
			for _, d := range cl.Decisions {
				if d.Joined && (d.A == m.ID || d.B == m.ID) {
					sv.Rule, sv.Evidence = string(d.Rule), d.Evidence
					break
				}
			}
		}
		out = append(out, sv)
	}
	return out, false
}
