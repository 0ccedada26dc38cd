// Package browsertest starts headless Chromium for the tests that read
// Interdict's pages as a user would (the web UI, the gaps report): Debian's
// chromium package, which .ci/run installs; a test skips, saying how to
// get it, where there is none.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Find returns a Chromium or Chrome to drive: $INTERDICT_CHROMIUM, else
// Debian's /usr/bin/chromium, else one on $PATH; "" when there is none.
func Find() string {
	if p := os.Getenv("INTERDICT_CHROMIUM"); p != "" {
		return p // Start fails the test if it is not there
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start returns a tab of a new headless Chromium, 1280×900, that closes
// when the test ends or timeout passes. It skips the test in -short mode
// and where no browser is found.
func Start(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := Find()
	if browser == "" {
		t.Skip("no Chromium found: install Debian's chromium package (apt-get install -y chromium) or set INTERDICT_CHROMIUM; .ci/run installs it")
	}
	if _, err := os.Stat(browser); err != nil {
		t.Fatalf("browser %s: %v", browser, err)
	}
	// The flags keep a headless Chromium from reaching out to the
	// network, which this machine's closed network refuses, many
	// connections at a time.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})
	return ctx
}

// Screenshots returns a function that writes a full-page PNG of the tab
// with Save, under a temp dir of the test's.
func Screenshots(t testing.TB, ctx context.Context) func(name string) {
	dir := t.TempDir()
	return func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		Save(t, dir, name, png)
	}
}

// Save writes a screenshot as dir/name.png, and also under
// $INTERDICT_SCREENSHOTS when that names a directory (to keep them, as CI
// artifacts).
func Save(t testing.TB, dir, name string, png []byte) {
	t.Helper()
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	if keep := os.Getenv("INTERDICT_SCREENSHOTS"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, name+".png"), png, 0o644); err != nil {
			t.Errorf("keeping screenshot: %v", err)
		}
	}
}

// Do runs actions in the tab ctx, failing the test, named by what, on the
// first error.
func Do(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Wait polls the tab until cond, a JavaScript expression, holds, failing
// the test, named by what, after 20 s. Errors while a page is being
// replaced count as not yet.
func Wait(t testing.TB, ctx context.Context, what, cond string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
	}
	t.Fatalf("%s: %s never held", what, cond)
}
