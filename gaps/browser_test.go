package gaps

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/interdict/interdict/index"
	"github.com/interdict/interdict/internal/browsertest"
	"github.com/interdict/interdict/internal/shared"
	"github.com/interdict/interdict/resolve"
	"github.com/interdict/interdict/screen"
	"github.com/interdict/interdict/source"
)

// TestHTMLInBrowser renders the HTML report of `interdict gaps --format
// html` over every list of ../shared/data, once for every party and once
// for the names of ../shared/reference/iran_uav_program.csv, and reads
// both in headless Chromium: on a desktop screen and on a 390-pixel phone
// screen, the tables are there with their headers, known rows read as
// they should, the text is of a readable size, and nothing makes the page
// wider than the screen. Screenshots go under the test's temp dir (and
// INTERDICT_SCREENSHOTS, when set).
func TestHTMLInBrowser(t *testing.T) {
	bctx := browsertest.Start(t, 3*time.Minute)
	data := shared.Data(t)
	namesFile := filepath.Join(filepath.Dir(data), "reference", "iran_uav_program.csv")
	f, err := os.Open(namesFile)
	if err != nil {
		t.Skipf("%s: %v", namesFile, err)
	}
	names, err := ReadNames(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	cat, err := source.Load(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	ix := index.Build(cat.Entities())
	cs, err := resolve.Resolve(ctx, ix, resolve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, rep *Report) string {
		t.Helper()
		p := filepath.Join(dir, name+".html")
		out, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteHTML(out); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	all, err := Build(cat, cs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	uav, err := Names(cat, cs, screen.New(ix), names, Options{})
	if err != nil {
		t.Fatal(err)
	}
	allPage, uavPage := write("gaps-all", all), write("gaps-uav", uav)
	if fi, err := os.Stat(allPage); err == nil {
		t.Logf("every party: %d rows, %.1f MB of HTML", len(all.Rows), float64(fi.Size())/1e6)
	}

	shot := func(name string, full bool) {
		t.Helper()
		var (
			png []byte
			err error
		)
		if full {
			png, err = chromedp.Run(bctx, chromedp.FullScreenshot(100))
		} else {
			png, err = chromedp.Run(bctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		browsertest.Save(t, dir, name, png)
	}
	open := func(page string) {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.ID("parties"))); err != nil {
			t.Fatalf("open %s: %v", page, err)
		}
	}
	// headers returns the column headers of a table.
	headers := func(id string) []string {
		t.Helper()
		return evalJS[[]string](t, bctx, `Array.from(document.querySelectorAll("#`+id+` thead th")).map(th => th.textContent.trim())`)
	}
	// row returns the cells of the parties row whose party cell reads
	// name (or whose asked name does, in a names report).
	row := func(name string) map[string]string {
		t.Helper()
		return evalJS[map[string]string](t, bctx, `(() => {
			const heads = Array.from(document.querySelectorAll("#parties thead th")).map(th => th.textContent.trim());
			for (const tr of document.querySelectorAll("#parties tbody tr")) {
				const tds = Array.from(tr.children);
				if (tds.some(td => td.textContent.trim() === `+jsString(name)+`)) {
					const out = {};
					tds.forEach((td, i) => out[heads[i]] = td.textContent.trim());
					return out;
				}
			}
			return null;
		})()`)
	}
	// check reads the page as it is laid out: the smallest text of the
	// parties table, and whatever reaches past the screen's edge.
	check := func(what string) {
		t.Helper()
		res := evalJS[struct {
			MinFont float64  `json:"minFont"`
			Wide    []string `json:"wide"`
		}](t, bctx, `(() => {
			const w = document.documentElement.clientWidth;
			const wide = [];
			if (document.documentElement.scrollWidth > w) wide.push("page " + document.documentElement.scrollWidth + "px wide in a " + w + "px screen");
			if (document.body.scrollWidth > w) wide.push("body " + document.body.scrollWidth + "px wide");
			let minFont = 100;
			// Every cell of the summary tables, and the parties of the
			// first screens (the rest are alike, and measuring them would
			// lay out every one).
			const cells = [...document.querySelectorAll("table:not(#parties) :is(td, th), #parties thead th"),
				...Array.from(document.querySelectorAll("#parties tbody tr")).slice(0, 40).flatMap(tr => [...tr.children])];
			for (const el of cells) {
				const r = el.getBoundingClientRect();
				// A cell inside a scrolling region may reach past the screen; the page may not.
				if (r.width > 0 && r.right > w + 1 && !el.closest(".scroll")) wide.push(el.tagName.toLowerCase() + " right=" + Math.round(r.right));
				minFont = Math.min(minFont, parseFloat(getComputedStyle(el).fontSize));
			}
			return {minFont, wide: wide.slice(0, 8)};
		})()`)
		if len(res.Wide) > 0 {
			t.Errorf("%s: wider than the screen: %v", what, res.Wide)
		}
		if res.MinFont < 12 {
			t.Errorf("%s: table text of %.1fpx, too small to read", what, res.MinFont)
		}
	}

	screens := []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}}
	// emulate lays the page out for a screen; the page is loaded once
	// (the report of every party is megabytes of HTML) and read on both.
	emulate := func(i int) {
		t.Helper()
		sc := screens[i]
		act := chromedp.EmulateViewport(sc.width, sc.height)
		if sc.mobile {
			act = chromedp.EmulateViewport(sc.width, sc.height, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		if err := chromedp.Do(bctx, act); err != nil {
			t.Fatal(err)
		}
	}

	// Every party: the page is loaded at each screen's size, as a reader
	// would (laying megabytes of it out again when the screen changes
	// would only cost the test time).
	for i, sc := range screens {
		if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		emulate(i)
		open(allPage)
		hs := headers("parties")
		for _, want := range []string{"party", "cluster", "us", "uk", "eu", "un", "ca", "au", "jp"} {
			if !contains(hs, want) {
				t.Errorf("%s: the parties table's headers %v lack %q", sc.name, hs, want)
			}
		}
		for _, id := range []string{"sources", "totals", "pairs"} {
			if len(headers(id)) < 2 {
				t.Errorf("%s: table #%s has no header row", sc.name, id)
			}
		}
		if rows := evalJS[int](t, bctx, `document.querySelectorAll("#parties tbody tr").length`); rows != len(all.Rows) {
			t.Errorf("%s: %d party rows shown of %d", sc.name, rows, len(all.Rows))
		}
		// Putin: listed by the US (OFAC's list of 2024-05-03), the UK,
		// Canada and Australia.
		putin := row("PUTIN, Vladimir Vladimirovich")
		if putin == nil {
			putin = row("Vladimir Vladimirovich PUTIN")
		}
		if putin == nil {
			t.Errorf("%s: no row for Putin", sc.name)
		} else {
			for _, ally := range []string{"us", "uk", "ca", "au"} {
				if !strings.HasPrefix(putin[ally], "listed") {
					t.Errorf("%s: Putin's %s cell %q", sc.name, ally, putin[ally])
				}
			}
		}
		check(sc.name + ", every party")
		shot("gaps-all-"+sc.name, false)
		if err := chromedp.Do(bctx, chromedp.ScrollIntoView(chromedp.CSS("#parties"))); err != nil {
			t.Fatal(err)
		}
		shot("gaps-all-"+sc.name+"-parties", false)
	}

	// The names of the Iranian UAV programme (loaded first: laying the
	// big page out again for the desktop would only cost time).
	open(uavPage)
	for i, sc := range screens {
		emulate(i)
		hs := headers("parties")
		for _, want := range []string{"name asked", "found", "party", "us", "un"} {
			if !contains(hs, want) {
				t.Errorf("%s: the names table's headers %v lack %q", sc.name, hs, want)
			}
		}
		qods := row("QODS AVIATION INDUSTRIES (IR)")
		if qods == nil {
			t.Errorf("%s: no row for QODS AVIATION INDUSTRIES", sc.name)
		} else {
			for _, ally := range []string{"us", "uk", "un"} {
				if !strings.HasPrefix(qods[ally], "listed") {
					t.Errorf("%s: Qods Aviation Industries, %s: %q", sc.name, ally, qods[ally])
				}
			}
		}
		if rows := evalJS[int](t, bctx, `document.querySelectorAll("#parties tbody tr").length`); rows != len(names) {
			t.Errorf("%s: %d name rows of %d names", sc.name, rows, len(names))
		}
		// On a phone each answer is labelled with its ally, by the
		// stylesheet.
		if sc.mobile {
			label := evalJS[string](t, bctx, `getComputedStyle(document.querySelector("#parties tbody td:nth-child(5)"), "::before").content`)
			if label != `"us"` {
				t.Errorf("phone: the us answer is labelled %s", label)
			}
		}
		check(sc.name + ", UAV names")
		shot("gaps-uav-"+sc.name, true)
	}
}

// evalJS evaluates a script in the page and decodes its value.
func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
