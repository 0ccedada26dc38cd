package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/interdict/interdict/internal/browsertest"
)

// TestNetworkBrowser opens Putin's network in headless Chromium from his
// entity page, with the keyboard only, and reads it as an analyst would:
// his yachts one hop away, each linked to its page; then on a phone-sized
// screen, where nothing may reach past the screen's edge. Screenshots are
// written under the test's temp dir (and INTERDICT_SCREENSHOTS, when set).
func TestNetworkBrowser(t *testing.T) {
	ctx := browsertest.Start(t, 2*time.Minute)
	screenshot := browsertest.Screenshots(t, ctx)
	srv := httptest.NewServer(New(newFake(networkSnapshot(t)), Options{}))
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

	do("sign in", chromedp.Navigate(srv.URL+"/signin"), chromedp.WaitVisible(chromedp.ID("key")),
		chromedp.SendKeys(chromedp.ID("key"), analystKey+"\r"), chromedp.WaitVisible(chromedp.ID("name")))
	do("entity", chromedp.Navigate(srv.URL+"/entities/ofac-sdn:35096"), chromedp.WaitVisible(chromedp.ID("named-by")))

	// From the entity page to its network with the keyboard: Tab until
	// the link has the focus, then Enter.
	found := false
	for range 40 {
		do("tab", chromedp.KeyEvent("\t"))
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("href") || ""`))
		if err != nil {
			t.Fatal(err)
		}
		if href == "/entities/ofac-sdn:35096/network" {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("the network link is not reached with Tab from the top of the entity page")
	}
	do("open network", chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.ID("hop-1")))
	if h1 := text("h1"); h1 != "PUTIN, Vladimir Vladimirovich" {
		t.Errorf("network heading %q", h1)
	}
	hop1 := text("section[aria-labelledby=hop-1]")
	for _, want := range []string{"GRACEFUL", "OLYMPIA", "linked to", "source: ofac-sdn", "Linked To: PUTIN, Vladimir Vladimirovich"} {
		if !strings.Contains(hop1, want) {
			t.Errorf("hop 1 lacks %q:\n%s", want, hop1)
		}
	}
	if !strings.Contains(text("section[aria-labelledby=hop-2]"), "GASILOV, Andrei Valeryevich") {
		t.Error("hop 2 lacks GASILOV")
	}
	// The drawing is there and out of the accessibility tree.
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("svg.net-svg").getAttribute("aria-hidden")`))
	if err != nil || hidden != "true" {
		t.Errorf("drawing aria-hidden %q, %v", hidden, err)
	}
	screenshot("network-desktop")

	// A yacht's name is a link to its page.
	do("open GRACEFUL", chromedp.Click(chromedp.CSS(`section[aria-labelledby=hop-1] a[href="/entities/ofac-sdn:37444"]`)), chromedp.WaitVisible(chromedp.ID("vessel")))
	if h1 := text("h1"); h1 != "GRACEFUL" {
		t.Errorf("yacht heading %q", h1)
	}

	// A phone-sized screen: nothing reaches past its edge.
	do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/entities/ofac-sdn:35096/network"), chromedp.WaitVisible(chromedp.ID("hop-1")))
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth;
		const out = [];
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1) {
				out.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? "." + el.className : "") + " right=" + Math.round(r.right));
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
		t.Errorf("the network page is wider than a phone screen: %v", wide)
	}
	if !strings.Contains(text("section[aria-labelledby=hop-1]"), "OLYMPIA") {
		t.Error("phone: hop 1 lacks OLYMPIA")
	}
	screenshot("network-phone")
}
