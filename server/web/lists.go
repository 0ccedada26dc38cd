package web

import (
	"net/http"
	"sort"
	"sync"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/dataset"
)

// maxRejectsShown bounds the rejects listed per version; the count is
// always shown in full.
const maxRejectsShown = 25

type listsView struct {
	Version   string
	Built     string
	Entities  int
	Lists     []listView
	Failures  []string
	ByKindAll []kindCount
}

type listView struct {
	Source   string
	Format   string
	Versions []versionView
	Notes    []string
}

type versionView struct {
	Status    string // "live", "earlier", "newer, not used"
	Live      bool
	Published string
	Coverage  string
	Format    string
	Files     []string
	Stats     interdict.Stats
	ByKind    []kindCount
	Rejects   []string
	Notes     []string
}

type kindCount struct {
	Kind  interdict.Kind
	Count int
}

// listsCache keeps the lists page's figures of the snapshot in service:
// they are counted once per snapshot, not once per request.
type listsCache struct {
	mu   sync.Mutex
	snap *dataset.Snapshot
	view *listsView
}

func (c *listsCache) get(s *dataset.Snapshot) *listsView {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != s {
		c.snap, c.view = s, newListsView(s)
	}
	return c.view
}

func (h *handler) listsPage(w http.ResponseWriter, r *http.Request) {
	snap := h.snapshot(w, r)
	if snap == nil {
		return
	}
	h.render(w, r, http.StatusOK, "lists", &page{Title: "Lists", Nav: "lists", Data: h.lists.get(snap)})
}

func newListsView(s *dataset.Snapshot) *listsView {
	v := &listsView{Version: s.Version, Entities: s.Entities()}
	if !s.Built.IsZero() {
		v.Built = s.Built.UTC().Format("2006-01-02 15:04 MST")
	}
	cat := s.Catalog
	if cat == nil {
		return v
	}
	all := map[interdict.Kind]int{}
	for _, l := range cat.Lists {
		lv := listView{Source: l.Source, Format: l.Live.Format, Notes: l.Notes}
		live := newVersionView(l.Live, "live")
		for _, k := range live.ByKind {
			all[k.Kind] += k.Count
		}
		lv.Versions = append(lv.Versions, live)
		earlier := append([]*interdict.ListLoad(nil), l.Earlier...)
		sort.SliceStable(earlier, func(i, j int) bool { return earlier[i].Published > earlier[j].Published })
		for _, e := range earlier {
			status := "earlier"
			if e.Published > l.Live.Published {
				status = "newer, not used"
			}
			lv.Versions = append(lv.Versions, newVersionView(e, status))
		}
		v.Lists = append(v.Lists, lv)
	}
	sort.SliceStable(v.Lists, func(i, j int) bool { return v.Lists[i].Source < v.Lists[j].Source })
	for _, k := range interdict.Kinds {
		if all[k] > 0 {
			v.ByKindAll = append(v.ByKindAll, kindCount{k, all[k]})
		}
	}
	for _, f := range cat.Failures {
		v.Failures = append(v.Failures, f.Files...)
	}
	return v
}

func newVersionView(l *interdict.ListLoad, status string) versionView {
	st := l.Stats()
	v := versionView{Status: status, Live: status == "live", Published: l.Published, Coverage: string(l.Coverage),
		Format: l.Format, Files: l.Files, Stats: st, Notes: l.Notes}
	if v.Published == "" {
		v.Published = "undated"
	}
	for _, k := range interdict.Kinds {
		v.ByKind = append(v.ByKind, kindCount{k, st.ByKind[k]})
	}
	for i, rj := range l.Rejects {
		if i == maxRejectsShown {
			break
		}
		v.Rejects = append(v.Rejects, rj.Error())
	}
	return v
}
