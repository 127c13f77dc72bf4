package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dyad/document"
	"dyad/ingest"
	"dyad/plover"
	"dyad/store"
)

// fakeCoder makes one AGREE event per "agree" in the text, so a test knows
// how many events each document must have.
type fakeCoder struct {
	calls atomic.Int64
	// onCall, if set, runs before each document is coded.
	onCall func(n int64)
}

func (c *fakeCoder) Code(d document.Document) ([]plover.Event, error) {
	n := c.calls.Add(1)
	if c.onCall != nil {
		c.onCall(n)
	}
	if strings.Contains(d.Text, "CODER FAILS") {
		return nil, errors.New("fake failure")
	}
	var out []plover.Event
	date := "2024-03-04"
	if !d.Date.IsZero() {
		date = d.Date.Format("2006-01-02")
	}
	for i := range strings.Count(strings.ToLower(d.Text), "agree") {
		out = append(out, plover.Event{ID: fmt.Sprintf("%s-%d", d.ID, i), Date: date, Event: []string{"AGREE"},
			Actor: []plover.Entity{{Code: "RUR"}}, Recipient: []plover.Entity{{Code: "FRE"}}, Text: d.Text[:min(len(d.Text), 40)]})
	}
	return out, nil
}

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type errLog struct {
	mu   sync.Mutex
	errs []string
	docs int
}

func (l *errLog) Document(int) { l.mu.Lock(); l.docs++; l.mu.Unlock() }
func (l *errLog) Error(err error) {
	l.mu.Lock()
	l.errs = append(l.errs, err.Error())
	l.mu.Unlock()
}

func (l *errLog) has(t *testing.T, sub string) {
	t.Helper()
	for _, e := range l.errs {
		if strings.Contains(e, sub) {
			return
		}
	}
	t.Errorf("no error containing %q in %q", sub, l.errs)
}

func writeGzip(t *testing.T, path, content string) {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(content))
	zw.Close()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpus lays out a directory with each local source kind.
func corpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub", "deeper"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "note.txt"), []byte("The two governments agreed to talk again in April."), 0o644))
	page, err := os.ReadFile("testdata/site/patrols.html")
	must(err)
	must(os.WriteFile(filepath.Join(dir, "sub", "patrols.html"), page, 0o644))
	must(os.WriteFile(filepath.Join(dir, "sub", "image.png"), []byte{0x89, 'P', 'N', 'G'}, 0o644))
	must(os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("agree agree"), 0o644))
	writeGzip(t, filepath.Join(dir, "sub", "deeper", "corpus.jsonl.gz"), strings.Join([]string{
		`{"id":"j1","title":"One","url":"https://j.example/1?utm_source=x","source":"J","date":"2024-01-02","text":"Leaders agreed on a truce."}`,
		``,
		`{"id":"j2","date":"2024-01-03T10:00:00Z","text":"Nothing happened. They agree. They agree."}`,
		`{"id":"j1","text":"a second j1"}`,
		`{"id":"j3", "text": broken json`,
		`{"id":"j4","date":"next tuesday","text":"bad date"}`,
		`{"id":"j5","text":""}`,
		`{"id":"j6","text":"CODER FAILS here"}`,
	}, "\n"))
	return dir
}

func TestIngestLocalSources(t *testing.T) {
	db := openStore(t)
	dir := corpus(t)
	log := &errLog{}
	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Progress: log, Workers: 3, Batch: 2}
	sum, err := p.Run(context.Background(), []string{dir, filepath.Join(dir, "missing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	// note.txt, patrols.html, j1, j2 stored (1+2+1+2 agreements); six errors.
	if sum.Inserted != 4 || sum.Errors != 6 || sum.Events != 1+2+1+2 || sum.Documents != 10 {
		t.Fatalf("summary %+v; errors %q", sum, log.errs)
	}
	log.has(t, "corpus.jsonl.gz:4: duplicate id \"j1\" (first on line 1)")
	log.has(t, "corpus.jsonl.gz:5: not a JSON object: invalid character")
	log.has(t, "corpus.jsonl.gz:6: date \"next tuesday\"")
	log.has(t, "corpus.jsonl.gz:7: no text")
	log.has(t, "corpus.jsonl.gz:8: code: fake failure")
	log.has(t, "missing.txt: no such file")

	ctx := context.Background()
	j1, err := db.Document(ctx, "j1")
	if err != nil {
		t.Fatal(err)
	}
	if j1.URL != "https://j.example/1" || j1.Source != "J" || j1.Date.Format("2006-01-02") != "2024-01-02" {
		t.Errorf("j1 = %+v", j1)
	}
	html, err := db.Document(ctx, filepath.Join(dir, "sub", "patrols.html"))
	if err != nil {
		t.Fatal(err)
	}
	if html.Title != "Ministers agree on border patrols" || !strings.HasPrefix(html.Text, "The defence ministers") {
		t.Errorf("html document %+v", html)
	}

	// A rerun finds everything stored and codes nothing.
	coder := &fakeCoder{}
	p.Coder = coder
	sum, err = p.Run(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 0 || sum.Skipped != 4 || coder.calls.Load() != 1 { // only the failing j6 is coded again
		t.Fatalf("rerun %+v, %d coder calls", sum, coder.calls.Load())
	}
}

func TestInterruptAndResume(t *testing.T) {
	db := openStore(t)
	dir := t.TempDir()
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"id":"d%03d","text":"Document %d: the parties agree."}`, i, i))
	}
	path := filepath.Join(dir, "c.jsonl")
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	coder := &fakeCoder{onCall: func(n int64) {
		if n == 50 {
			cancel() // Ctrl-C
		}
	}}
	p := &ingest.Pipeline{Coder: coder, Store: db, Workers: 4, Batch: 8}
	sum, err := p.Run(ctx, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Inserted == 0 || sum.Inserted >= 200 {
		t.Fatalf("interrupted run %+v", sum)
	}
	first := sum.Inserted
	c, _ := db.Counts(context.Background())
	if c.Documents != first || c.Events != first {
		t.Fatalf("stored %+v after %d inserted", c, first)
	}

	coder2 := &fakeCoder{}
	p.Coder = coder2
	sum, err = p.Run(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 200-first || sum.Skipped != first || int(coder2.calls.Load()) != 200-first {
		t.Fatalf("resumed run %+v with %d coder calls; first run stored %d", sum, coder2.calls.Load(), first)
	}
	c, _ = db.Counts(context.Background())
	if c.Documents != 200 || c.Events != 200 {
		t.Fatalf("after resume %+v", c)
	}
}

// site serves testdata/ on loopback, filling {{BASE}} in feeds, with ETag
// support, and counts the requests per path.
type site struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
	ua   string
}

func newSite(t *testing.T) *site {
	s := &site{hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.ua = r.UserAgent()
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/big":
			w.Write(bytes.Repeat([]byte("x"), 4096))
			return
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
			return
		}
		data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".xml") {
			data = bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte(s.srv.URL))
			w.Header().Set("Content-Type", "application/rss+xml")
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		etag := fmt.Sprintf(`"%x"`, len(data))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(data)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func TestFeedsOverHTTP(t *testing.T) {
	s := newSite(t)
	db := openStore(t)
	log := &errLog{}
	f := ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, PerHost: time.Millisecond, State: db})
	p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Fetcher: f, Progress: log, Workers: 2, Batch: 1}
	ctx := context.Background()
	rss, atom := s.srv.URL+"/feeds/rss.xml", s.srv.URL+"/feeds/atom.xml"
	sum, err := p.Run(ctx, []string{rss})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 2 || sum.Errors != 2 {
		t.Fatalf("rss %+v %q", sum, log.errs)
	}
	log.has(t, "rss.xml#3: document: html")
	log.has(t, "no article text found")
	log.has(t, "missing.html: 404 Not Found")
	if !strings.HasPrefix(s.ua, "dyad/") {
		t.Errorf("User-Agent %q does not name dyad", s.ua)
	}
	patrolsURL := s.srv.URL + "/site/patrols.html"
	rows, err := db.Query(ctx, store.Filter{Source: "Daily Example", Sort: "date"})
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows %d, %v", len(rows), err)
	}
	d, _ := db.Document(ctx, rows[0].Event.DocID)
	if d.URL != patrolsURL || d.Date.Format(time.RFC3339) != "2024-03-04T09:30:00Z" || d.Title != "Ministers agree on border patrols" {
		t.Errorf("patrols document %+v", d)
	}

	// The Atom feed reprints the patrols story: one document, two sources,
	// and the event's cluster counts both.
	sum, err = p.Run(ctx, []string{atom})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Duplicates != 1 || sum.Inserted != 1 {
		t.Fatalf("atom %+v %q", sum, log.errs)
	}
	srcs, _ := db.Sources(ctx, d.ID)
	if len(srcs) != 2 || !strings.HasPrefix(srcs[1], "Wire Reprints ") {
		t.Fatalf("sources %q", srcs)
	}
	rows, _ = db.Query(ctx, store.Filter{DocID: d.ID})
	// Two events of the story in one cluster, each seen at two sources.
	if len(rows) != 2 || rows[0].Mentions != 4 || rows[0].Sources != 2 {
		t.Fatalf("cluster of reprinted event: %d mentions, %d sources", rows[0].Mentions, rows[0].Sources)
	}

	// Polling again: the feeds answer 304 and no page is fetched again.
	before := s.count("/site/patrols.html") + s.count("/site/protest.html")
	sum, err = p.Run(ctx, []string{rss, atom})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 0 || s.count("/site/patrols.html")+s.count("/site/protest.html") != before {
		t.Fatalf("second poll %+v", sum)
	}
}

func TestBadFeeds(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		file     string
		inserted int
		err      string
	}{
		{"truncated.xml", 0, "feed:"},
		// Go's XML reader does not expand DTD entities: the item is
		// empty, not a billion laughs.
		{"bomb.xml", 0, "no article text found"},
		{"latin1.xml", 1, ""},
		{"badbytes.xml", 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			db := openStore(t)
			log := &errLog{}
			f := ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, PerHost: time.Millisecond})
			p := &ingest.Pipeline{Coder: &fakeCoder{}, Store: db, Fetcher: f, Progress: log, Workers: 2}
			// As a URL and as a file: both give an error for the item, and
			// the next source is still read.
			sum, err := p.Run(context.Background(), []string{s.srv.URL + "/feeds/" + tc.file, "testdata/feeds/" + tc.file, "testdata/site/protest.html"})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Inserted != tc.inserted+1 {
				t.Errorf("summary %+v, errors %q", sum, log.errs)
			}
			if tc.err != "" {
				if len(log.errs) != 2 {
					t.Fatalf("errors %q", log.errs)
				}
				log.has(t, tc.err)
			}
		})
	}
}

func TestFetcherSafety(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	strict := ingest.NewFetcher(ingest.FetchOptions{})
	if _, err := strict.Get(ctx, s.srv.URL+"/site/patrols.html", false); !errors.Is(err, ingest.ErrPrivateAddress) {
		t.Errorf("loopback fetch without AllowPrivate: %v", err)
	}
	f := ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, MaxBytes: 1024, MaxRedirects: 3, PerHost: 50 * time.Millisecond})
	tests := []struct{ path, err string }{
		{"/big", "over the size limit"},
		{"/loop", "more than 3 redirects"},
		{"/nothing", "404"},
	}
	for _, tc := range tests {
		if _, err := f.Get(ctx, s.srv.URL+tc.path, false); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: %v, want %q", tc.path, err, tc.err)
		}
	}
	// Per-host rate limit: three requests take at least two intervals.
	start := time.Now()
	for range 3 {
		f.Get(ctx, s.srv.URL+"/site/nav.html", false)
	}
	if el := time.Since(start); el < 100*time.Millisecond {
		t.Errorf("3 requests in %s, want >= 100ms", el)
	}
	if _, err := f.Get(ctx, "ftp://example.com/x", false); err == nil {
		t.Error("ftp URL accepted")
	}
}

func TestReadFeedList(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "feeds.txt")
	os.WriteFile(good, []byte("# my feeds\nhttps://a.example/rss\n\n  http://b.example/atom  \n"), 0o644)
	got, err := ingest.ReadFeedList(good)
	if err != nil || strings.Join(got, " ") != "https://a.example/rss http://b.example/atom" {
		t.Fatalf("%q %v", got, err)
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("https://a.example/rss\nnot a url\n"), 0o644)
	if _, err := ingest.ReadFeedList(bad); err == nil || !strings.Contains(err.Error(), "bad.txt:2:") {
		t.Fatalf("error %v", err)
	}
}
