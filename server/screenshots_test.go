package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenshots is where the screenshot test keeps its PNGs: $DYAD_SCREENSHOTS
// when set, else a temporary directory of the test.
func screenshots(t *testing.T) string {
	dir := os.Getenv("DYAD_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestScreenshots takes the dyad, actor, events-with-map and document
// pages at a desktop's width (1280 px) and a phone's (390 px), checks in
// the same page load that each shows what it must, and keeps a PNG of
// each.
func TestScreenshots(t *testing.T) {
	ts, db := newServer(t, nil)
	seedEvidence(t, db)
	seedSeries(t, db)
	ctx := newBrowser(t)
	dir := screenshots(t)
	pages := []struct {
		name, path string
		must       []string // selectors each page must show
	}{
		{"dyad", "/dyads/USA/NER", []string{"#dyad-chart rect[data-quad]", "#dyad-chart .note text", "#dyad-caption .sw", "nav.dirs a[aria-current]", "ol.events li.ev", "h1 .nm"}},
		{"actor", "/actors/NER", []string{"svg.network circle.node", "#actor-chart rect[data-quad]", "ol.partners", "table.grid tbody tr", "h1 .nm"}},
		{"events", "/events?sort=-date", []string{"#event-map path.land", "#event-map path[class*=shade]", "#event-map circle.dot", "#map-size-legend", "#events-total", "ol.events li.ev .pub"}},
		{"document", "/documents/wire-us-niger#event-1", []string{"#article mark.hl-trigger", "#article mark.target", ".ev:target", ".reports li", "time.published"}},
	}
	for _, size := range []struct {
		w, h   int64
		mobile bool
	}{{1280, 900, false}, {390, 844, true}} {
		for _, p := range pages {
			name := fmt.Sprintf("%s-%d", p.name, size.w)
			var missing []string
			var sw, iw int
			err := chromedp.Run(ctx,
				viewport(size.w, size.h, size.mobile),
				chromedp.Navigate(ts.URL+p.path),
				chromedp.WaitReady("footer", chromedp.ByQuery),
				chromedp.ActionFunc(func(ctx context.Context) error {
					for _, sel := range p.must {
						var visible bool
						js := fmt.Sprintf(`(function(){var e=document.querySelector(%q); if(!e) return false; var r=e.getBoundingClientRect(); return r.width > 0 && r.height > 0})()`, sel)
						if err := chromedp.Evaluate(js, &visible).Do(ctx); err != nil {
							return err
						}
						if !visible {
							missing = append(missing, sel)
						}
					}
					return nil
				}),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &sw),
				chromedp.Evaluate(`innerWidth`, &iw),
				chromedp.ActionFunc(func(ctx context.Context) error {
					var buf []byte
					if err := chromedp.FullScreenshot(&buf, 100).Do(ctx); err != nil {
						return err
					}
					return os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
				}),
			)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(missing) > 0 {
				t.Errorf("%s does not show %v", name, missing)
			}
			if sw > iw {
				t.Errorf("%s is %d px wide in a %d px window", name, sw, iw)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}
