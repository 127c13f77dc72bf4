package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dyad/coder"
	"dyad/document"
	"dyad/ingest"
	"dyad/plover"
	"dyad/server"
	"dyad/store"
)

// Issue 17, item 4: the server fetches a page on someone's behalf only for
// a caller with the token; pasted text stays open to readers.
func TestCodeURLNeedsToken(t *testing.T) {
	var hits atomic.Int64
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML)
	}))
	defer site.Close()
	body := fmt.Sprintf(`{"url": %q, "date": "2024-05-19"}`, site.URL+"/article")
	ts, _ := newServer(t, func(c *server.Config) {
		c.Fetcher = ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, PerHost: 1})
	})

	r := do(t, "POST", ts.URL+"/api/v1/code", "application/json", body)
	if r.status != 401 || errorCode(t, r) != "unauthorized" || !strings.Contains(r.body, "token") {
		t.Errorf("URL without token: %d %s", r.status, r.body)
	}
	r = do(t, "POST", ts.URL+"/api/v1/code", "application/json", body, "Authorization", "Bearer nope")
	if r.status != 401 {
		t.Errorf("URL with a wrong token: %d %s", r.status, r.body)
	}
	form := url.Values{"url": {site.URL + "/article"}}.Encode()
	r = do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", form)
	if r.status != 401 || !strings.Contains(r.body, "token") {
		t.Errorf("page form URL without token: %d", r.status)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the server fetched the page %d times for callers without the token", n)
	}

	r = do(t, "POST", ts.URL+"/api/v1/code", "application/json", body, "Authorization", "Bearer "+testToken)
	if r.status != 200 || !strings.Contains(r.body, "CONCEDE") {
		t.Errorf("URL with token: %d %s", r.status, r.body)
	}
	r = do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", url.Values{"url": {site.URL + "/article"}, "token": {testToken}}.Encode())
	if r.status != 200 || !strings.Contains(r.body, "CONCEDE") {
		t.Errorf("page form URL with token: %d", r.status)
	}
	text := `{"text": "The United States agreed on Sunday to withdraw its troops from Niger.", "url": "https://example.org/a"}`
	if r := do(t, "POST", ts.URL+"/api/v1/code", "application/json", text); r.status != 200 {
		t.Errorf("pasted text without token: %d %s", r.status, r.body)
	}

	open, _ := newServer(t, func(c *server.Config) {
		c.Token = ""
		c.Fetcher = ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, PerHost: 1})
	})
	r = do(t, "POST", open.URL+"/api/v1/code", "application/json", body)
	if r.status != 403 || errorCode(t, r) != "fetch_disabled" {
		t.Errorf("URL on a server without a token: %d %s", r.status, r.body)
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("the page was fetched %d times, want 2 (the two calls with the token)", n)
	}
}

// Issue 17, item 8: a document's address is http, https or nothing.
func TestDocumentURLMustBeHTTP(t *testing.T) {
	ts, db := newServer(t, nil)
	before, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/a", "https:///no-host", "example.org/a"} {
		body := fmt.Sprintf(`{"text": "The United States agreed on Sunday to withdraw its troops from Niger.", "url": %q}`, u)
		r := do(t, "POST", ts.URL+"/api/v1/documents", "application/json", body, "Authorization", "Bearer "+testToken)
		if r.status != 400 || errorCode(t, r) != "bad_request" || !strings.Contains(r.body, "want an http or https URL") {
			t.Errorf("url %q: %d %s", u, r.status, r.body)
		}
	}
	after, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after.Documents != before.Documents {
		t.Errorf("documents went from %d to %d: a refused document was stored", before.Documents, after.Documents)
	}
	for i, c := range []struct{ url, text string }{
		{"https://example.org/news/1", "The United States agreed on Sunday to withdraw its troops from Niger."},
		{"HTTP://Example.org/news/2", "France said on Monday it would pull its soldiers out of Chad."},
		{"", "Mali expelled the French ambassador on Tuesday."},
	} {
		body := fmt.Sprintf(`{"id": "doc-%d", "text": %q, "url": %q}`, i, c.text, c.url)
		r := do(t, "POST", ts.URL+"/api/v1/documents", "application/json", body, "Authorization", "Bearer "+testToken)
		if r.status != 201 {
			t.Errorf("url %q: %d %s", c.url, r.status, r.body)
		}
	}
}

// Issue 17, item 6: after signing in, the browser goes only to a path of
// this site.
func TestLoginNextStaysOnSite(t *testing.T) {
	ts, _ := newServer(t, func(c *server.Config) { c.Private = true })
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	login := func(rawNext string) string {
		t.Helper()
		res, err := client.Post(ts.URL+"/login", "application/x-www-form-urlencoded", strings.NewReader("token="+testToken+"&next="+rawNext))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("next=%s: status %d", rawNext, res.StatusCode)
		}
		return res.Header.Get("Location")
	}
	hostile := []string{
		"/%09/evil.example", "/%0A/evil.example", "/%0D/evil.example", "/%0D%0A/evil.example", "%09/%09/evil.example",
		"/%5Cevil.example", "%5C%5Cevil.example", "/%5C/evil.example", "%2F%5Cevil.example",
		"//evil.example", "%2F%2Fevil.example", "/%2Fevil.example", "///evil.example",
		"https://evil.example/", "https:evil.example", "javascript:alert(1)", "evil.example",
		"/%20/evil.example", "/%00/evil.example", "/%E2%80%A8/evil.example", "/%FF/evil.example", "",
	}
	for _, raw := range hostile {
		if got := login(raw); got != "/" {
			t.Errorf("next=%s: redirected to %q, want /", raw, got)
		}
	}
	for raw, want := range map[string]string{
		"/events%3Ffrom%3D2024":   "/events?from=2024",
		"/dyads/USA/NER":          "/dyads/USA/NER",
		"/%252F%252Fevil.example": "/%2F%2Fevil.example", // a path of this site, not a host
	} {
		got := login(raw)
		u, err := url.Parse(got)
		if got != want || err != nil || u.Host != "" || strings.HasPrefix(got, "//") {
			t.Errorf("next=%s: redirected to %q, want %q", raw, got, want)
		}
	}
	// The sign-in page carries the cleaned target in its form.
	r := do(t, "GET", ts.URL+"/login?next=/%09/evil.example", "", "")
	if !strings.Contains(r.body, `name="next" value="/"`) {
		t.Errorf("login page keeps a hostile next: %s", r.body)
	}
}

// heldCoder codes with the real coder once the test lets it go, and
// records how many codings ran at once.
type heldCoder struct {
	c       *coder.Coder
	entered chan struct{}
	release chan struct{}
	mu      sync.Mutex
	now     int
	most    int
}

func (h *heldCoder) Code(d document.Document) ([]plover.Event, error) {
	h.mu.Lock()
	h.now++
	h.most = max(h.most, h.now)
	h.mu.Unlock()
	h.entered <- struct{}{}
	<-h.release
	defer func() { h.mu.Lock(); h.now--; h.mu.Unlock() }()
	return h.c.Code(d)
}

// Issue 17, item 9: the server codes at most MaxCodings articles at once;
// more requests wait briefly, then get 503 with Retry-After.
func TestCodingsAreBounded(t *testing.T) {
	h := &heldCoder{c: testCoder(t), entered: make(chan struct{}, 16), release: make(chan struct{})}
	ts, _ := newServer(t, func(c *server.Config) {
		c.Coder = h
		c.MaxCodings = 2
		c.CodeWait = 20 * time.Millisecond
	})
	body := `{"text": "The United States agreed on Sunday to withdraw its troops from Niger."}`
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = do(t, "POST", ts.URL+"/api/v1/code", "application/json", body).status
		}()
	}
	<-h.entered
	<-h.entered // both slots are taken, and stay taken until release
	m := do(t, "GET", ts.URL+"/metrics", "", "").body
	if !strings.Contains(m, "dyad_codings_in_flight 2\n") || !strings.Contains(m, "dyad_codings_slots 2\n") {
		t.Errorf("metrics while both slots are taken:\n%s", m)
	}
	for range 3 {
		r := do(t, "POST", ts.URL+"/api/v1/code", "application/json", body)
		if r.status != 503 || errorCode(t, r) != "busy" || r.header.Get("Retry-After") == "" {
			t.Errorf("request beyond the slots: %d %v %s", r.status, r.header, r.body)
		}
	}
	form := url.Values{"text": {"The United States agreed on Sunday to withdraw its troops from Niger."}}.Encode()
	if r := do(t, "POST", ts.URL+"/code", "application/x-www-form-urlencoded", form); r.status != 503 || r.header.Get("Retry-After") == "" {
		t.Errorf("page coding beyond the slots: %d", r.status)
	}
	if m := do(t, "GET", ts.URL+"/metrics", "", "").body; !strings.Contains(m, "dyad_codings_refused_total 4\n") {
		t.Errorf("metrics do not count the 4 refusals:\n%s", m)
	}
	close(h.release)
	wg.Wait()
	for i, st := range statuses {
		if st != 200 {
			t.Errorf("held request %d: status %d", i, st)
		}
	}
	if r := do(t, "POST", ts.URL+"/api/v1/code", "application/json", body); r.status != 200 {
		t.Errorf("after the slots freed: %d %s", r.status, r.body)
	}
	if h.most != 2 {
		t.Errorf("%d codings ran at once, want at most (and here exactly) 2", h.most)
	}
}

// Issue 17, item 10: the API and the pages check filters as the command
// line does, and say what is accepted.
func TestFiltersAreCheckedOnTheWeb(t *testing.T) {
	ts, _ := newServer(t, nil)
	for _, c := range []struct{ path, want string }{
		{"/api/v1/events?from=2024-13-45", `from=\"2024-13-45\": want a calendar date as YYYY-MM-DD, YYYY-MM or YYYY`},
		{"/api/v1/events?from=2024-99", `from=\"2024-99\": want a calendar date`},
		{"/api/v1/events?to=2023-02-29", `to=\"2023-02-29\": want a calendar date`},
		{"/api/v1/events?from=05/01/2024", `from=\"05/01/2024\"`},
		{"/api/v1/events?from=2024-06&to=2024-05-31", `is after to`},
		{"/api/v1/events?category=FOO", `want a PLOVER category: AGREE`},
		{"/api/v1/events?category=PROTEST&mode=visit", `want a mode of PROTEST: demo`},
		{"/api/v1/events?context=econ", `want a PLOVER context`},
		{"/api/v1/events?sector=ARMY", `want a PLOVER sector`},
		{"/api/v1/events?country=Niger", `three-letter country code`},
		{"/api/v1/events?format=csv&category=FOO", `want a PLOVER category`},
		{"/api/v1/stats?mode=sideways", `want a PLOVER mode`},
		{"/api/v1/places?from=2024-02-30", `want a calendar date`},
		{"/api/v1/dyads/USA/NER/series?from=2024-13", `from=\"2024-13\"`},
		{"/api/v1/dyads/USA/NER/events?from=2025&to=2024", `is after to`},
		{"/api/v1/actors/USA?to=2024-00", `to=\"2024-00\"`},
	} {
		r := do(t, "GET", ts.URL+c.path, "", "")
		if r.status != 400 || errorCode(t, r) != "bad_request" || !strings.Contains(r.body, c.want) {
			t.Errorf("%s: %d %s; want 400 with %s", c.path, r.status, r.body, c.want)
		}
	}
	for _, p := range []string{"/events?from=2024-99", "/events?category=FOO", "/dyads/USA/NER?from=2024-13-45", "/actors/USA?from=2024-06&to=2024-05"} {
		if r := do(t, "GET", ts.URL+p, "", ""); r.status != 400 || !strings.Contains(r.body, "want") {
			t.Errorf("page %s: %d", p, r.status)
		}
	}
	r := do(t, "GET", ts.URL+"/api/v1/events?category=concede&from=2024&to=2024-12", "", "")
	if r.status != 200 || !strings.Contains(r.body, `"CONCEDE"`) {
		t.Errorf("valid filter: %d %s", r.status, r.body)
	}
}

// csvEvent stores an event whose text fields start like spreadsheet
// formulas, and returns its sentence.
func csvEvent(t *testing.T, db *store.DB) {
	t.Helper()
	e := plover.Event{ID: "f1", DocID: "formula", Date: "2024-05-19", Event: []string{"ASSAULT"}, QuadCode: 4, EventScale: -9, Goldstein: -10,
		Actor:     []plover.Entity{{Code: "USA", EntityText: "@SUM(1+1)*cmd|' /C calc'!A0"}},
		Recipient: []plover.Entity{{Code: "NER", EntityText: "+1+1"}},
		Text:      "=HYPERLINK(\"https://evil.example\",\"click\")", CiteInfo: plover.CiteInfo{Title: "-2+3"}}
	res, err := db.Put(context.Background(), []store.Item{{Doc: document.Document{ID: "formula", Title: "-2+3", Text: e.Text,
		Date: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)}, Events: []plover.Event{e}}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
}

// Issue 17, item 7: the server's CSV neutralises formulas in text cells
// and keeps negative scores numbers.
func TestAPICSVNeutralisesFormulas(t *testing.T) {
	ts, db := newServer(t, nil)
	csvEvent(t, db)
	r := do(t, "GET", ts.URL+"/api/v1/events?format=csv&doc=formula", "", "")
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	for _, want := range []string{`"'=HYPERLINK(""https://evil.example"",""click"")"`, `'@SUM(1+1)*cmd|' /C calc'!A0`, `,'+1+1,`, `,'-2+3,`, `,-9,-10,`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("CSV lacks %s:\n%s", want, r.body)
		}
	}
}
