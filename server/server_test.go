package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/coder"
	"dyad/dict"
	"dyad/document"
	"dyad/ingest"
	"dyad/place"
	"dyad/server"
	"dyad/store"
)

var shared struct {
	once sync.Once
	c    *coder.Coder
	d    *dict.Dictionaries
	err  error
}

// testCoder builds the real coder once for all tests (it is safe for
// concurrent use).
func testCoder(t testing.TB) *coder.Coder {
	shared.once.Do(func() {
		d, err := dict.Load(dict.Embedded())
		if err != nil {
			shared.err = err
			return
		}
		shared.d = d
		g, err := place.Default()
		if err != nil {
			shared.err = err
			return
		}
		shared.c, shared.err = coder.New(d, g, coder.Options{})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.c
}

// goldDocs reads the "text:" blocks of gold files as documents.
func goldDocs(t testing.TB, names ...string) []document.Document {
	var out []document.Document
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "gold", "articles", n+".gold"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		field := func(k string) string {
			m := regexp.MustCompile(`(?m)^` + k + `: (.*)$`).FindStringSubmatch(s)
			if m == nil {
				return ""
			}
			return strings.TrimSpace(m[1])
		}
		text := s[strings.Index(s, "\ntext:\n")+len("\ntext:\n"):]
		if i := strings.Index(text, "\nevents:\n"); i >= 0 {
			text = text[:i]
		}
		date, _ := time.Parse("2006-01-02", field("date"))
		out = append(out, document.Document{ID: n, Title: field("title"), Source: "gold-" + n, Date: date, Text: strings.TrimSpace(text) + "\n"})
	}
	return out
}

func exampleDoc(t testing.TB) document.Document {
	b, err := os.ReadFile(filepath.Join("..", "examples", "us-niger-withdrawal.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.FromText(b, "us-niger-withdrawal")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// seed codes documents with the real coder and stores them.
func seed(t testing.TB, db *store.DB, docs ...document.Document) {
	c := testCoder(t)
	var items []store.Item
	for _, d := range docs {
		evs, err := c.Code(d)
		if err != nil {
			t.Fatalf("code %s: %v", d.ID, err)
		}
		items = append(items, store.Item{Doc: d, Origin: "test", Events: evs})
	}
	put(t, db, items)
}

// put stores items, failing the test on an error for the batch or for
// any one of them.
func put(t testing.TB, db *store.DB, items []store.Item) {
	t.Helper()
	res, err := db.Put(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
}

const testToken = "s3cret-token"

// newServer starts a server over a temporary SQLite store seeded with the
// example article and some gold articles.
func newServer(t testing.TB, mod func(*server.Config)) (*httptest.Server, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	docs := append([]document.Document{exampleDoc(t)}, goldDocs(t, "ecowas-niger-ultimatum", "aes-ecowas-exit", "wagner-leaves-mali", "france-chad-withdrawal")...)
	seed(t, db, docs...)
	cfg := server.Config{Store: db, Coder: testCoder(t), Dict: shared.d, Token: testToken, Rate: -1,
		Fetcher: ingest.NewFetcher(ingest.FetchOptions{PerHost: time.Millisecond})}
	if mod != nil {
		mod(&cfg)
	}
	s, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })
	return ts, db
}

type resp struct {
	status int
	header http.Header
	body   string
}

func do(t testing.TB, method, u, ctype, body string, hdr ...string) resp {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return resp{r.StatusCode, r.Header, string(b)}
}

// errorCode checks the error envelope of an API answer and returns its code.
func errorCode(t testing.TB, r resp) string {
	t.Helper()
	var env struct {
		Error struct {
			Status  int    `json:"status"`
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(r.body), &env); err != nil {
		t.Fatalf("error answer is not the JSON envelope: %v\n%s", err, r.body)
	}
	if env.Error.Status != r.status || env.Error.Code == "" || env.Error.Message == "" {
		t.Fatalf("incomplete error envelope for status %d: %s", r.status, r.body)
	}
	return env.Error.Code
}
