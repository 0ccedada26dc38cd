package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/interdict/interdict/internal/browsertest"
)

// TestBrowser drives the pages in headless Chromium the way an analyst
// would, with the keyboard only: sign in, screen "Vladimir Putin", open
// the top result, and find the yachts linked to him. Screenshots of each
// page are written under the test's temp dir (and, when
// INTERDICT_SCREENSHOTS names a directory, there too, to keep them).
func TestBrowser(t *testing.T) {
	ctx := browsertest.Start(t, 2*time.Minute)
	screenshot := browsertest.Screenshots(t, ctx)
	snap := ofacSnapshot(t)
	srv := httptest.NewServer(New(newFake(snap), Options{}))
	defer srv.Close()

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	active := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.activeElement.id || document.activeElement.className || document.activeElement.tagName)`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	// Signed out, the search page sends the reader to sign in.
	do("open", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("key")))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/signin") {
		t.Errorf("signed-out start at %s", loc)
	}
	// The key field has the focus; the first Tab from the top of the page
	// reaches the skip link.
	if a := active(); a != "key" {
		t.Errorf("focus on the sign-in page: %q", a)
	}
	screenshot("1-signin")
	do("type key", chromedp.SendKeys(chromedp.ID("key"), analystKey+"\r"), chromedp.WaitVisible(chromedp.ID("name")))

	// Screen by keyboard: the name field has the focus, Enter submits.
	if a := active(); a != "name" {
		t.Errorf("focus on the search page: %q", a)
	}
	// Name, Tab past the kind, birth year, country, Tab to the button.
	do("search", chromedp.KeyEvent("Vladimir Putin\t\t1952\tRussia\t"))
	if a := active(); a != "primary" {
		t.Errorf("Tab order ends on %q, not the Screen button", a)
	}
	do("submit", chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS("ol.matches")))
	top := text("ol.matches > li:first-child h3")
	if !strings.Contains(top, "PUTIN, Vladimir Vladimirovich") {
		t.Fatalf("top result %q", top)
	}
	if !strings.Contains(strings.ToLower(text("ol.matches > li:first-child .meta")), "alert") {
		t.Error("top result does not alert")
	}
	if why := text("ol.matches > li:first-child details"); !strings.Contains(why, "identical") || !strings.Contains(why, "birth year agrees") {
		t.Errorf("explanation: %q", why)
	}
	screenshot("2-results")

	// Open the top result from the keyboard.
	do("open top result",
		chromedp.Focus(chromedp.CSS("ol.matches > li:first-child h3 a")),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.ID("named-by")),
	)
	if h1 := text("h1"); h1 != "PUTIN, Vladimir Vladimirovich" {
		t.Errorf("entity heading %q", h1)
	}
	named := text("section[aria-labelledby=named-by] table")
	for _, yacht := range []string{"GRACEFUL", "OLYMPIA"} {
		if !strings.Contains(named, yacht) {
			t.Errorf("Putin's page does not name the yacht %s; named by:\n%s", yacht, named)
		}
	}
	screenshot("3-entity")

	// The yacht's page links back to him.
	do("open GRACEFUL", chromedp.Click(chromedp.CSS(`a[href="/entities/ofac-sdn:37444"]`)), chromedp.WaitVisible(chromedp.ID("vessel")))
	if s := text("section[aria-labelledby=links] table"); !strings.Contains(s, "PUTIN, Vladimir Vladimirovich") {
		t.Errorf("GRACEFUL's links: %q", s)
	}
	screenshot("4-vessel")

	// Back returns to the results (a plain GET: no resubmission prompt,
	// no second screening).
	// chromedp's DOM queries do not see a page restored from the
	// back-forward cache, so this waits by evaluating in the page.
	do("back", chromedp.Evaluate[chromedp.Void](`history.go(-2)`))
	browsertest.Wait(t, ctx, "results after back", `location.pathname.startsWith("/results/") && document.querySelector("ol.matches") !== null`)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/results/") {
		t.Errorf("back led to %s", loc)
	}

	// The lists page; its first Tab stop is the skip link, which moves
	// the focus to the main content.
	do("lists", chromedp.Navigate(srv.URL+"/lists"), chromedp.WaitVisible(chromedp.ID("list-ofac-sdn")), chromedp.KeyEvent("\t"))
	if a := active(); a != "skip" {
		t.Errorf("first Tab reached %q, not the skip link", a)
	}
	do("skip", chromedp.KeyEvent("\r"))
	if a := active(); a != "main" {
		t.Errorf("skip link moved the focus to %q", a)
	}
	screenshot("5-lists")

	// A phone-sized screen.
	do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/entities/ofac-sdn:35096"), chromedp.WaitVisible(chromedp.ID("named-by")))
	notWide := func(what string) {
		t.Helper()
		// The elements reaching past the layout viewport, if any.
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const w = document.documentElement.clientWidth;
			const out = [];
			for (const el of document.querySelectorAll("body *")) {
				const r = el.getBoundingClientRect();
				// A stacked table's header row is hidden off screen, clipped.
				if (r.width > 0 && r.right > w + 1 && !el.closest("table.stack thead")) {
					out.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " right=" + Math.round(r.right));
				}
			}
			if (document.documentElement.scrollWidth > w) {
				out.unshift("page " + document.documentElement.scrollWidth + "px wide in a " + w + "px viewport");
			}
			return out.slice(0, 8);
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(wide) > 0 {
			t.Errorf("the %s is wider than a phone screen: %v", what, wide)
		}
	}
	notWide("entity page")
	screenshot("6-phone-entity")
	do("phone search", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Vladimir Putin\r"), chromedp.WaitVisible(chromedp.CSS("ol.matches")))
	notWide("result list")
	screenshot("7-phone-results")
	do("phone lists", chromedp.Navigate(srv.URL+"/lists"), chromedp.WaitVisible(chromedp.ID("list-ofac-sdn")))
	notWide("lists page")
	screenshot("8-phone-lists")

	// Sign out with the keyboard.
	do("sign out", chromedp.Focus(chromedp.CSS(".who button")), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.ID("key")))
	if s := text("main"); !strings.Contains(s, "You have signed out.") {
		t.Errorf("after sign-out: %q", s)
	}
}
