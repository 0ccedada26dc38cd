package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	interdict "github.com/interdict/interdict"
	"github.com/interdict/interdict/internal/browsertest"
	"github.com/interdict/interdict/source"
)

// TestCasesBrowser works an alert in headless Chromium the way an analyst
// would: the queue lists the alert a monitored party opened, its case page
// reads as label-above-value facts and a decision form, the analyst
// dismisses it with a reason from the keyboard, and the history shows the
// decision; on a phone-sized screen nothing reaches past the edge. The
// HTTP test of the same pages (TestCasesWeb) cannot see a layout that
// reads wrong, which this one found once (the facts laid out three to a
// row, a label beside another's value).
func TestCasesBrowser(t *testing.T) {
	ctx := browsertest.Start(t, 2*time.Minute)
	screenshot := browsertest.Screenshots(t, ctx)

	e := startE2E(t, "", func(c *Config) {
		c.LoadCatalog = func(context.Context) (*source.Catalog, error) { return testCatalog(), nil }
	})
	waitReady(t, e.c)
	r := e.c.post("/v1/monitored", e.keys[interdict.RoleScreener], map[string]any{"parties": []map[string]any{{"id": "cust-ui", "names": []string{"Vladimir Putin"}}}})
	r.expect(t, http.StatusOK, "")
	var reg registerResponse
	r.decode(t, &reg)
	if len(reg.Opened) != 1 {
		t.Fatalf("registration opened %v: %s", reg.Opened, r.body)
	}
	base := "http://" + e.srv.Addr()
	casePath := fmt.Sprintf("/alerts/%d", reg.Opened[0])

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		browsertest.Do(t, ctx, what, actions...)
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}

	do("sign in", chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.ID("key")),
		chromedp.SendKeys(chromedp.ID("key"), e.keys[interdict.RoleAnalyst]+"\r"), chromedp.WaitVisible(chromedp.ID("name")))
	do("queue", chromedp.Navigate(base+"/alerts"), chromedp.WaitVisible(chromedp.CSS(`a[href="`+casePath+`"]`)))
	if row := eval(`document.querySelector('a[href="` + casePath + `"]').closest("tr").textContent`); !strings.Contains(row, "cust-ui") || !strings.Contains(row, "PUTIN") {
		t.Errorf("queue row of the alert: %q", row)
	}
	screenshot("1-queue")

	// Follow the alert from the queue with the keyboard.
	do("open the case", chromedp.Focus(chromedp.CSS(`a[href="`+casePath+`"]`)), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.ID("reason")))
	// Each fact's label sits above its own value, not beside another's.
	if bad := eval(`Array.from(document.querySelectorAll(".case-facts dt")).filter(dt => {
		const dd = dt.nextElementSibling, a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
		return !(b.top >= a.bottom - 1 && Math.abs(b.left - a.left) < 2);
	}).map(dt => dt.textContent).join(",")`); bad != "" {
		t.Errorf("facts whose value is not under their label: %s", bad)
	}
	screenshot("2-case")

	do("dismiss", chromedp.Click(chromedp.CSS(`input[name="action"][value="dismiss"]`)),
		chromedp.SendKeys(chromedp.ID("reason"), "a namesake: born 1980, Latvian citizen"),
		chromedp.Focus(chromedp.CSS(`form.decision button[type="submit"]`)), chromedp.KeyEvent("\r"))
	// The answer is a redirect to the case page: wait for the decided
	// page (the old one's elements are there until it arrives).
	browsertest.Wait(t, ctx, "the decided case page", `!document.querySelector('input[name="action"]') && (document.querySelector(".history")?.textContent ?? "").includes("a namesake")`)
	if h := eval(`document.querySelector(".history").textContent`); !strings.Contains(h, "a namesake: born 1980") || !strings.Contains(h, "dismiss") {
		t.Errorf("history after the decision: %q", h)
	}
	if form := eval(`document.querySelector('input[name="action"]') ? "still there" : ""`); form != "" {
		t.Error("a decided alert still offers the decision form")
	}
	screenshot("3-decided")

	do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	for _, p := range []string{"/alerts?state=all", casePath} {
		do("phone "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main")))
		if p != casePath && eval(`document.querySelector('a[href="`+casePath+`"]') ? "listed" : ""`) == "" {
			t.Errorf("%s does not list the decided alert", p)
		}
		if w := eval(`String(document.documentElement.scrollWidth)`); w != "390" {
			t.Errorf("%s on a 390 px screen is %s px wide", p, w)
		}
		screenshot("4-phone" + strings.ReplaceAll(strings.ReplaceAll(p, "/", "-"), "?", "-"))
	}
}
