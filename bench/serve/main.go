// Command serve is dyad's load test for "dyad serve": it fills a SQLite
// store with synthetic events through the store API, starts the server on
// loopback, and measures requests per second and latency percentiles of the
// events list, the dyad series and events, and the actor page's API, counting
// every non-200 answer as an error.
//
//	go run ./bench/serve -events 1000000 -requests 2000 -concurrency 8
//
// The store is kept (-db) so that a second run skips the fill.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"dyad/document"
	"dyad/plover"
	"dyad/server"
	"dyad/store"
)

func main() {
	events := flag.Int("events", 1_000_000, "events in the store")
	perDoc := flag.Int("per-doc", 20, "events per synthetic document")
	dbPath := flag.String("db", filepath.Join("bench", "out", "serve.db"), "SQLite store to fill (kept between runs)")
	requests := flag.Int("requests", 2000, "requests per endpoint")
	seriesRequests := flag.Int("series-requests", 0, "requests per dyad series endpoint (default -requests)")
	conc := flag.Int("concurrency", 8, "requests in flight")
	match := flag.String("match", "", "measure only the endpoints whose name contains this")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the requests (server and clients) to this file")
	flag.Parse()
	ctx := context.Background()
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	c, err := db.Counts(ctx)
	if err != nil {
		fail(err)
	}
	if c.Events < *events {
		start := time.Now()
		if err := fill(ctx, db, c.Documents, (*events-c.Events) / *perDoc, *perDoc); err != nil {
			fail(err)
		}
		c, _ = db.Counts(ctx)
		fmt.Printf("filled to %d events in %d documents in %s\n", c.Events, c.Documents, time.Since(start).Round(time.Millisecond))
	}
	fmt.Printf("store: %d events, %d documents, %d clusters\n", c.Events, c.Documents, c.Clusters)
	srv, err := server.New(server.Config{Store: db, Coder: nopCoder{}, Rate: -1})
	if err != nil {
		fail(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}, Timeout: 60 * time.Second}
	if *seriesRequests <= 0 {
		*seriesRequests = *requests
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	for _, ep := range []struct {
		name, path string
		n          int
	}{
		{"events list (first page, newest first)", "/api/v1/events?limit=50", *requests},
		{"events list (page 20)", "/api/v1/events?limit=50&offset=1000", *requests},
		{"events list (page 21 by page.next)", follow(client, base, "/api/v1/events?limit=50&sort=-date", 20), *requests},
		{"events list (category filter)", "/api/v1/events?limit=50&category=PROTEST", *requests},
		{"dyad series MLI-BFA (a typical pair)", "/api/v1/dyads/MLI/BFA/series", *seriesRequests},
		{"dyad series USA-NER (the busiest pair)", "/api/v1/dyads/USA/NER/series", *seriesRequests},
		{"dyad series USA-NER 2024 only", "/api/v1/dyads/USA/NER/series?from=2024-01&to=2024-12", *seriesRequests},
		{"dyad events USA-NER (first page)", "/api/v1/dyads/USA/NER/events?limit=50", *seriesRequests},
		{"actor NER (series, partners, names)", "/api/v1/actors/NER", *seriesRequests},
	} {
		if !strings.Contains(ep.name, *match) {
			continue
		}
		run(client, base, ep.name, ep.path, ep.n, *conc)
	}
}

// follow returns the path of the page that n page.next links lead to from
// path: a cursor where the server pages by key, else an offset.
func follow(client *http.Client, base, path string, n int) string {
	for range n {
		resp, err := client.Get(base + path)
		if err != nil {
			fail(err)
		}
		var env struct{ Page struct{ Next string } }
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil || env.Page.Next == "" {
			fail(fmt.Errorf("%s: no next page (%v)", path, err))
		}
		path = env.Page.Next
	}
	return path
}

func run(client *http.Client, base, name, path string, n, conc int) {
	lat := make([]time.Duration, n)
	var errs, next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				t := time.Now()
				resp, err := client.Get(base + path)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				lat[i] = time.Since(t)
				if err != nil || resp.StatusCode != 200 {
					mu.Lock()
					errs++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[min(n-1, int(float64(n)*p))].Round(10 * time.Microsecond) }
	fmt.Printf("%-40s %6d req  %8.1f req/s  p50 %-9s p99 %-9s max %-9s errors %d\n", name, n, float64(n)/el.Seconds(), pct(0.5), pct(0.99), lat[n-1].Round(10*time.Microsecond), errs)
}

var countries = []string{"USA", "NER", "FRA", "RUS", "CHN", "MLI", "BFA", "UKR", "ISR", "IRN", "GBR", "DEU", "TUR", "IND", "PAK", "NGA", "SDN", "VEN", "BGD", "SRB"}
var cats = []struct {
	name  string
	quad  int
	scale float64
}{{"AGREE", 1, 3}, {"CONSULT", 1, 1}, {"SUPPORT", 1, 3.5}, {"AID", 2, 7}, {"COOPERATE", 2, 6}, {"CONCEDE", 1, 4.5},
	{"ACCUSE", 3, -2}, {"REJECT", 3, -4}, {"THREATEN", 3, -4.4}, {"PROTEST", 4, -6.5}, {"SANCTION", 4, -6}, {"ASSAULT", 4, -9}, {"COERCE", 4, -7}}

// fill stores docs documents of perDoc synthetic events each, dated over
// 2019 to 2025, in batches.
func fill(ctx context.Context, db *store.DB, first, docs, perDoc int) error {
	r := rand.New(rand.NewPCG(1, uint64(first)))
	const batch = 200
	t0 := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []store.Item
	for d := range docs {
		id := "syn-" + strconv.Itoa(first+d)
		pub := t0.AddDate(0, 0, r.IntN(7*365))
		text := "Synthetic article " + id + "."
		doc := document.Document{ID: id, Title: "Synthetic " + id, Source: "outlet-" + strconv.Itoa(r.IntN(50)), Date: pub, Text: text}
		evs := make([]plover.Event, perDoc)
		for i := range evs {
			a, b := countries[zipf(r, len(countries))], countries[zipf(r, len(countries))]
			if a == b {
				b = countries[(r.IntN(len(countries)-1)+1+indexOf(a))%len(countries)]
			}
			c := cats[r.IntN(len(cats))]
			day := pub.AddDate(0, 0, -r.IntN(5)).Format("2006-01-02")
			evs[i] = plover.Event{ID: id + "-" + strconv.Itoa(i), Date: day, DatePrecision: "day",
				Actor: []plover.Entity{{Code: a, Sector: "GOV", End: 3}}, Recipient: []plover.Entity{{Code: b, End: 3}},
				Event: []string{c.name}, QuadCode: c.quad, EventScale: c.scale, Goldstein: c.scale,
				Text: text, TextInfo: plover.TextInfo{Start: 0, End: len(text)}, DocID: id, Rule: "events.txt:1",
				EventLoc: &plover.Location{ExtractedPlace: "Capital of " + b, Lat: float64(r.IntN(120) - 60), Lon: float64(r.IntN(360) - 180), CountryCode: b}}
		}
		items = append(items, store.Item{Doc: doc, Origin: "bench", Events: evs})
		if len(items) == batch || d == docs-1 {
			res, err := db.Put(ctx, items)
			if err != nil {
				return err
			}
			for _, x := range res {
				if x.Err != nil {
					return x.Err
				}
			}
			items = items[:0]
		}
	}
	return nil
}

// zipf picks an index with falling frequency, so that a few countries
// dominate as they do in news.
func zipf(r *rand.Rand, n int) int {
	for {
		i := int(float64(n) * r.Float64() * r.Float64())
		if i < n {
			return i
		}
	}
}

func indexOf(c string) int {
	for i, x := range countries {
		if x == c {
			return i
		}
	}
	return 0
}

type nopCoder struct{}

func (nopCoder) Code(document.Document) ([]plover.Event, error) { return nil, nil }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench/serve:", err)
	os.Exit(1)
}
