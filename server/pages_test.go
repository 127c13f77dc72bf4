package server_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dyad/document"
)

// TestHostileArticleIsEscaped stores an article whose title and text are
// HTML and script, and checks that every page shows them as text.
func TestHostileArticleIsEscaped(t *testing.T) {
	ts, db := newServer(t, nil)
	hostile := `<script>alert("x")</script><img src=x onerror=alert(1)>`
	d := document.Document{ID: "evil", Title: "Evil " + hostile, Source: `<b onmouseover="alert(2)">wire</b>`,
		Date: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC),
		Text: "The United States will pull its troops out of Niger " + hostile + ", officials said on Sunday.\n"}
	seed(t, db, d)
	for _, path := range []string{"/documents/evil", "/documents", "/events?doc=evil", "/dyads/USA/NER", "/"} {
		r := do(t, "GET", ts.URL+path, "", "")
		if r.status != 200 {
			t.Fatalf("%s: %d", path, r.status)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", `<b onmouseover`} {
			if strings.Contains(r.body, bad) {
				t.Errorf("%s renders %q unescaped", path, bad)
			}
		}
		if !strings.Contains(r.body, "&lt;script&gt;") && path != "/dyads/USA/NER" {
			t.Errorf("%s does not show the hostile text escaped", path)
		}
	}
	form := url.Values{"text": {"Title: " + hostile + "\n\n" + d.Text}, "date": {"2024-05-19"}}
	r := do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", form.Encode())
	if r.status != 200 || strings.Contains(r.body, "<script>alert") || !strings.Contains(r.body, "&lt;script&gt;") {
		t.Errorf("code page: %d, hostile text not escaped", r.status)
	}
}

func TestPagesServe(t *testing.T) {
	ts, _ := newServer(t, nil)
	for _, c := range []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "Latest documents"},
		{"/code", 200, `name="text"`},
		{"/dyads/USA/NER", 200, `id="dyad-chart"`},
		// Turning points inside Niger (the July 2023 coup and its
		// aftermath) are marked on the USA-NER chart, which starts there.
		{"/dyads/USA/NER", 200, ">2023-07<"},
		{"/actors/NER", 200, "Most conflictual partners"},
		{"/events?actor=USA", 200, "Map of event locations"},
		{"/documents", 200, "Washington and Niamey"},
		{"/documents/us-niger-withdrawal", 200, `class="hl-trigger"`},
		{"/documents/missing", 404, "nothing stored"},
		{"/events?from=never", 400, "YYYY-MM-DD"},
		{"/events?cursor=nope", 400, "next link"},
		// A cursor of the list in date order, asked of the list by score.
		{"/events?sort=goldstein&cursor=bwA1MABhAGIAMQ", 400, "date order"},
		{"/no/such/page", 404, "no page"},
		{"/charts/dyad.svg?a=USA&b=NER", 200, "<svg"},
		{"/static/dyad.css", 200, ".hl-actor"},
	} {
		r := do(t, "GET", ts.URL+c.path, "", "")
		if r.status != c.status || !strings.Contains(r.body, c.want) {
			t.Errorf("%s: %d (want %d), contains %q: %v", c.path, r.status, c.status, c.want, strings.Contains(r.body, c.want))
		}
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") && !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q", c.path, csp)
		}
	}
	// Saving from the page needs the token.
	ex, _ := os.ReadFile(filepath.Join("..", "examples", "us-niger-withdrawal.txt"))
	form := url.Values{"text": {strings.Replace(string(ex), "Sunday", "Sunday afternoon", 1)}, "save": {"1"}}
	if r := do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", form.Encode()); r.status != 401 {
		t.Errorf("save without token: %d", r.status)
	}
	form.Set("token", testToken)
	if r := do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", form.Encode()); r.status != 200 || !strings.Contains(r.body, "Saved as") {
		t.Errorf("save with token: %d", r.status)
	}
}

// chromium returns the path of a Chromium binary, or skips.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("DYAD_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("no Chromium found (install Debian's chromium package, as .ci/run does, or set DYAD_CHROMIUM): skipping the browser tests")
	return ""
}

// shotDir is where the browser test keeps its screenshots (gitignored).
func shotDir(t *testing.T) string {
	dir := os.Getenv("DYAD_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "bench", "out", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser drives the pages in headless Chromium: paste the example
// article and see its events, hover one, open the dyad view and find its
// chart; a screenshot of each page is kept.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	ts, _ := newServer(t, nil)
	// Chromium may still be writing its profile when the test ends: the
	// profile is removed when the browser has gone, without failing the
	// test if a late file remains.
	profile, err := os.MkdirTemp("", "dyad-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	dir := shotDir(t)
	shot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var buf []byte
			if err := chromedp.FullScreenshot(&buf, 100).Do(ctx); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
		})
	}
	example, err := os.ReadFile(filepath.Join("..", "examples", "us-niger-withdrawal.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var nEvents int
	var heading, firstRule string
	var activeMarks int
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/code"),
		chromedp.WaitVisible(`#text`, chromedp.ByID),
		chromedp.SetValue(`#text`, string(example), chromedp.ByID),
		chromedp.Click(`#code-submit`, chromedp.ByID),
		chromedp.WaitVisible(`#article mark.hl-trigger`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.events li.ev").length`, &nEvents),
		chromedp.Text(`#events-heading`, &heading, chromedp.ByID),
		chromedp.ScrollIntoView(`ol.events li.ev`, chromedp.ByQuery),
		chromedp.Evaluate(`(function(){var e=document.querySelector("ol.events li.ev"); e.dispatchEvent(new MouseEvent("mouseenter")); return document.querySelectorAll("mark.active").length})()`, &activeMarks),
		chromedp.Text(`ol.events li.ev .rule`, &firstRule, chromedp.ByQuery),
		shot("code"),
	)
	if err != nil {
		t.Fatalf("code page: %v", err)
	}
	var firstDate string
	if err := chromedp.Run(ctx, chromedp.Text(`ol.events li.ev .date`, &firstDate, chromedp.ByQuery)); err != nil || firstDate != "2024-05-19" {
		t.Errorf("first event dated %q (%v), want 2024-05-19 from the article's Date: header", firstDate, err)
	}
	if nEvents < 5 || !strings.Contains(heading, "events") {
		t.Errorf("code page shows %d events (%q), want the example's events", nEvents, heading)
	}
	if activeMarks == 0 || !strings.Contains(firstRule, "events.txt:") {
		t.Errorf("hovering an event lit %d marks and showed rule %q", activeMarks, firstRule)
	}

	var title string
	var bars int
	err = chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.SetValue(`input[name=a]`, "USA", chromedp.ByQuery),
		chromedp.SetValue(`input[name=b]`, "NER", chromedp.ByQuery),
		chromedp.Submit(`input[name=a]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#dyad-chart`, chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("dyad-chart-t").textContent`, &title),
		chromedp.Evaluate(`document.querySelectorAll("#dyad-chart rect[data-quad]").length`, &bars),
		shot("dyad"),
	)
	if err != nil {
		t.Fatalf("dyad page: %v", err)
	}
	if !strings.Contains(title, "USA and NER") || bars == 0 {
		t.Errorf("dyad chart %q with %d bars", title, bars)
	}
	for _, p := range []struct{ name, path, sel string }{
		{"actor", "/actors/NER", "svg.network"},
		{"events", "/events", "svg.map"},
		{"documents", "/documents", "table.grid"},
		{"document", "/documents/us-niger-withdrawal", "#article mark"},
		{"home", "/", "form"},
	} {
		if err := chromedp.Run(ctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(p.sel, chromedp.ByQuery), shot(p.name)); err != nil {
			t.Errorf("%s page: %v", p.name, err)
		}
	}
	t.Logf("screenshots in %s", dir)
}
