package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"dyad/ingest"
	"dyad/server"
)

func TestAPIReads(t *testing.T) {
	ts, _ := newServer(t, nil)
	u := ts.URL
	type check func(t *testing.T, data json.RawMessage)
	cases := []struct {
		name, path string
		check      check
	}{
		{"events first page, newest first", "/api/v1/events?limit=5", func(t *testing.T, d json.RawMessage) {
			var evs []struct {
				Date   string `json:"date"`
				Source string `json:"source"`
			}
			mustJSON(t, d, &evs)
			if len(evs) != 5 {
				t.Fatalf("got %d events, want 5", len(evs))
			}
			for i := 1; i < len(evs); i++ {
				if evs[i].Date > evs[i-1].Date {
					t.Errorf("not newest first: %s after %s", evs[i].Date, evs[i-1].Date)
				}
			}
		}},
		{"events filtered by actor and category", "/api/v1/events?actor=USA&category=concede", func(t *testing.T, d json.RawMessage) {
			var evs []struct {
				Event []string `json:"event"`
				Actor []struct {
					Code string `json:"code"`
				} `json:"actor"`
			}
			mustJSON(t, d, &evs)
			if len(evs) == 0 {
				t.Fatal("no USA CONCEDE event (the withdrawal)")
			}
			for _, e := range evs {
				if e.Event[0] != "CONCEDE" || e.Actor[0].Code != "USA" {
					t.Errorf("filter let through %+v", e)
				}
			}
		}},
		{"dyad series spans the coup to the withdrawal", "/api/v1/dyads/usa/ner/series", func(t *testing.T, d json.RawMessage) {
			var s struct {
				A, B   string
				Total  int
				Months []struct {
					Month string `json:"month"`
					Total int    `json:"total"`
				}
			}
			mustJSON(t, d, &s)
			if s.A != "USA" || s.B != "NER" || s.Total == 0 {
				t.Fatalf("series %+v", s)
			}
			sum := 0
			for i, m := range s.Months {
				sum += m.Total
				if i > 0 && m.Month <= s.Months[i-1].Month {
					t.Errorf("months out of order at %s", m.Month)
				}
			}
			if sum != s.Total {
				t.Errorf("months add up to %d, total says %d", sum, s.Total)
			}
			if s.Months[len(s.Months)-1].Month != "2024-05" {
				t.Errorf("last month %s, want 2024-05 (the withdrawal)", s.Months[len(s.Months)-1].Month)
			}
		}},
		{"dyad series bounded by dates", "/api/v1/dyads/USA/NER/series?from=2024-01&to=2024-06", func(t *testing.T, d json.RawMessage) {
			var s struct {
				Months []struct{ Month string }
			}
			mustJSON(t, d, &s)
			if len(s.Months) != 6 || s.Months[0].Month != "2024-01" || s.Months[5].Month != "2024-06" {
				t.Errorf("months %+v, want 2024-01 to 2024-06 filled", s.Months)
			}
		}},
		{"dyad events", "/api/v1/dyads/USA/NER/events?limit=2", func(t *testing.T, d json.RawMessage) {
			var evs []json.RawMessage
			mustJSON(t, d, &evs)
			if len(evs) != 2 {
				t.Errorf("got %d events, want 2", len(evs))
			}
		}},
		{"actor with partners", "/api/v1/actors/NER", func(t *testing.T, d json.RawMessage) {
			var a struct {
				Code     string
				Total    int
				Partners []struct{ Code string }
			}
			mustJSON(t, d, &a)
			found := false
			for _, p := range a.Partners {
				found = found || p.Code == "USA"
			}
			if a.Code != "NER" || a.Total == 0 || !found {
				t.Errorf("actor %+v: want NER with USA among its partners", a)
			}
		}},
		{"documents", "/api/v1/documents", func(t *testing.T, d json.RawMessage) {
			var ds []struct{ ID string }
			mustJSON(t, d, &ds)
			if len(ds) != 5 {
				t.Errorf("got %d documents, want 5", len(ds))
			}
		}},
		{"one document", "/api/v1/documents/us-niger-withdrawal", func(t *testing.T, d json.RawMessage) {
			var v struct {
				Document struct{ ID, Title, Text string }
				Events   []json.RawMessage
				Sources  []string
			}
			mustJSON(t, d, &v)
			if v.Document.ID != "us-niger-withdrawal" || len(v.Events) == 0 || len(v.Sources) != 1 || v.Document.Text == "" {
				t.Errorf("document answer %+v", v)
			}
		}},
		{"places", "/api/v1/places", func(t *testing.T, d json.RawMessage) {
			var ps []struct{ Place string }
			mustJSON(t, d, &ps)
			if len(ps) == 0 {
				t.Error("no places")
			}
		}},
		{"stats", "/api/v1/stats?actor=USA", func(t *testing.T, d json.RawMessage) {
			var s struct{ Total int }
			mustJSON(t, d, &s)
			if s.Total == 0 {
				t.Error("no USA events counted")
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, "GET", u+c.path, "", "")
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
			}
			var env struct {
				Data json.RawMessage `json:"data"`
			}
			mustJSON(t, []byte(r.body), &env)
			c.check(t, env.Data)
		})
	}
}

func mustJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

func TestAPIPagination(t *testing.T) {
	ts, _ := newServer(t, nil)
	seen := map[string]bool{}
	next := "/api/v1/events?limit=7&sort=date"
	pages := 0
	for next != "" {
		r := do(t, "GET", ts.URL+next, "", "")
		if r.status != 200 {
			t.Fatalf("%s: %d %s", next, r.status, r.body)
		}
		var env struct {
			Data []struct{ ID string }
			Page struct {
				Next       string
				NextOffset *int `json:"next_offset"`
			}
		}
		mustJSON(t, []byte(r.body), &env)
		for _, e := range env.Data {
			if seen[e.ID] {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen[e.ID] = true
		}
		next = env.Page.Next
		if (next == "") != (env.Page.NextOffset == nil) {
			t.Fatalf("next %q and next_offset %v disagree", next, env.Page.NextOffset)
		}
		if n := env.Page.NextOffset; n != nil && *n != len(seen) {
			t.Fatalf("next_offset %d after %d events", *n, len(seen))
		}
		pages++
	}
	all := do(t, "GET", ts.URL+"/api/v1/events?limit=500", "", "")
	var env struct{ Data []json.RawMessage }
	mustJSON(t, []byte(all.body), &env)
	if len(seen) != len(env.Data) || pages < 2 {
		t.Errorf("paging saw %d events in %d pages; one page of 500 has %d", len(seen), pages, len(env.Data))
	}
}

func TestAPIExport(t *testing.T) {
	ts, _ := newServer(t, nil)
	r := do(t, "GET", ts.URL+"/api/v1/events?actor=USA&format=csv", "", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || !strings.Contains(r.header.Get("Content-Disposition"), "dyad-events.csv") {
		t.Fatalf("csv: %d %v", r.status, r.header)
	}
	lines := strings.Split(strings.TrimSpace(r.body), "\n")
	if len(lines) < 2 || !strings.Contains(lines[0], "actor_code") {
		t.Errorf("csv without header or rows: %q", r.body[:min(200, len(r.body))])
	}
	r = do(t, "GET", ts.URL+"/api/v1/events?actor=USA&format=jsonl", "", "")
	for _, l := range strings.Split(strings.TrimSpace(r.body), "\n") {
		var e struct{ ID string }
		if err := json.Unmarshal([]byte(l), &e); err != nil || e.ID == "" {
			t.Fatalf("jsonl line %q: %v", l, err)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	ts, _ := newServer(t, func(c *server.Config) { c.MaxBody = 4096 })
	big := `{"text": "` + strings.Repeat("a", 5000) + `"}`
	cases := []struct {
		name, method, path, ctype, body string
		hdr                             []string
		status                          int
		code                            string
	}{
		{"bad date", "GET", "/api/v1/events?from=yesterday", "", "", nil, 400, "bad_request"},
		{"bad sort", "GET", "/api/v1/events?sort=random", "", "", nil, 400, "bad_request"},
		{"limit too large", "GET", "/api/v1/events?limit=100000", "", "", nil, 400, "bad_request"},
		{"negative offset", "GET", "/api/v1/events?offset=-1", "", "", nil, 400, "bad_request"},
		{"bad format", "GET", "/api/v1/events?format=xml", "", "", nil, 400, "bad_request"},
		{"bad cursor", "GET", "/api/v1/events?cursor=nope", "", "", nil, 400, "bad_request"},
		{"cursor and offset", "GET", "/api/v1/events?cursor=bwA1MA&offset=50", "", "", nil, 400, "bad_request"},
		{"bad actor code", "GET", "/api/v1/dyads/U$A/NER/series", "", "", nil, 400, "bad_request"},
		{"bad series date", "GET", "/api/v1/dyads/USA/NER/series?to=May", "", "", nil, 400, "bad_request"},
		{"bad dyad sort", "GET", "/api/v1/dyads/USA/NER/events?sort=goldstein", "", "", nil, 400, "bad_request"},
		{"unknown actor", "GET", "/api/v1/actors/ZZZ", "", "", nil, 404, "not_found"},
		{"unknown document", "GET", "/api/v1/documents/nope", "", "", nil, 404, "not_found"},
		{"unknown endpoint", "GET", "/api/v1/nothing", "", "", nil, 404, "not_found"},
		{"wrong method", "DELETE", "/api/v1/documents/us-niger-withdrawal", "", "", nil, 405, "method_not_allowed"},
		{"code: not JSON", "POST", "/api/v1/code", "text/plain", "hello", nil, 415, "unsupported_media_type"},
		{"code: malformed JSON", "POST", "/api/v1/code", "application/json", "{", nil, 400, "bad_request"},
		{"code: unknown field", "POST", "/api/v1/code", "application/json", `{"txt": "x"}`, nil, 400, "bad_request"},
		{"code: nothing to code", "POST", "/api/v1/code", "application/json", `{}`, nil, 400, "bad_request"},
		{"code: bad date", "POST", "/api/v1/code", "application/json", `{"text": "The US met Niger.", "date": "19 May"}`, nil, 400, "bad_request"},
		{"code: not a URL", "POST", "/api/v1/code", "application/json", `{"url": "file:///etc/passwd"}`, nil, 400, "bad_request"},
		{"code: body too large", "POST", "/api/v1/code", "application/json", big, nil, 413, "too_large"},
		{"store without token", "POST", "/api/v1/documents", "application/json", `{"text": "x"}`, nil, 401, "unauthorized"},
		{"store with a wrong token", "POST", "/api/v1/documents", "application/json", `{"text": "x"}`, []string{"Authorization", "Bearer nope"}, 401, "unauthorized"},
		{"ingest without token", "POST", "/api/v1/ingest", "application/json", `{"urls": []}`, nil, 401, "unauthorized"},
		{"ingest a local path", "POST", "/api/v1/ingest", "application/json", `{"urls": ["/etc/passwd"]}`, []string{"Authorization", "Bearer " + testToken}, 400, "bad_request"},
		{"ingest nothing", "POST", "/api/v1/ingest", "application/json", `{"urls": []}`, []string{"Authorization", "Bearer " + testToken}, 400, "bad_request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, c.method, ts.URL+c.path, c.ctype, c.body, c.hdr...)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			if got := errorCode(t, r); got != c.code {
				t.Errorf("error code %q, want %q", got, c.code)
			}
		})
	}
}

func TestWritesDisabledWithoutToken(t *testing.T) {
	ts, _ := newServer(t, func(c *server.Config) { c.Token = "" })
	r := do(t, "POST", ts.URL+"/api/v1/documents", "application/json", `{"text": "x"}`, "Authorization", "Bearer ")
	if r.status != 403 || errorCode(t, r) != "writes_disabled" {
		t.Errorf("got %d %s", r.status, r.body)
	}
}

func TestAPICodeAndStore(t *testing.T) {
	ts, _ := newServer(t, nil)
	body := `{"text": "Title: Talks\n\nThe United States and Niger signed a new security agreement in Niamey on Tuesday.", "date": "2024-06-04", "source": "wire"}`
	r := do(t, "POST", ts.URL+"/api/v1/code", "application/json", body)
	if r.status != 200 {
		t.Fatalf("code: %d %s", r.status, r.body)
	}
	var coded struct {
		Data struct {
			Document struct{ Title, Date string }
			Events   []struct{ Event []string }
		}
	}
	mustJSON(t, []byte(r.body), &coded)
	if coded.Data.Document.Title != "Talks" || coded.Data.Document.Date != "2024-06-04" || len(coded.Data.Events) == 0 {
		t.Fatalf("coded %+v", coded.Data)
	}
	// Coding alone stores nothing.
	if r := do(t, "GET", ts.URL+"/api/v1/events?source=wire", "", ""); strings.Contains(r.body, `"wire"`) {
		t.Fatal("POST /api/v1/code stored the document")
	}
	r = do(t, "POST", ts.URL+"/api/v1/documents", "application/json", body, "Authorization", "Bearer "+testToken)
	if r.status != 201 || r.header.Get("Location") == "" {
		t.Fatalf("store: %d %s", r.status, r.body)
	}
	var stored struct {
		Data struct {
			ID      string
			Outcome string
		}
	}
	mustJSON(t, []byte(r.body), &stored)
	if stored.Data.Outcome != "inserted" {
		t.Errorf("outcome %q", stored.Data.Outcome)
	}
	if r := do(t, "GET", ts.URL+r.header.Get("Location"), "", ""); r.status != 200 {
		t.Errorf("stored document: %d", r.status)
	}
	r = do(t, "POST", ts.URL+"/api/v1/documents", "application/json", body, "X-Dyad-Token", testToken)
	mustJSON(t, []byte(r.body), &stored)
	if r.status != 200 || stored.Data.Outcome != "unchanged" {
		t.Errorf("the same document again: %d %s", r.status, r.body)
	}
	// Other text under the stored id is refused unless asked to replace.
	id := stored.Data.ID
	other := `{"id": "` + id + `", "text": "Title: Talks\n\nNiger and Chad held talks in N'Djamena on Tuesday.", "date": "2024-06-04", "source": "wire"}`
	r = do(t, "POST", ts.URL+"/api/v1/documents", "application/json", other, "X-Dyad-Token", testToken)
	if r.status != 409 || !strings.Contains(r.body, `\"replace\": true`) {
		t.Errorf("other text under a stored id: %d %s, want 409 saying how to replace", r.status, r.body)
	}
	if r := do(t, "GET", ts.URL+"/api/v1/documents/"+url.PathEscape(id), "", ""); !strings.Contains(r.body, "security agreement") {
		t.Errorf("a refused replacement changed the stored document: %s", r.body)
	}
	replace := strings.Replace(other, `"source"`, `"replace": true, "source"`, 1)
	r = do(t, "POST", ts.URL+"/api/v1/documents", "application/json", replace, "X-Dyad-Token", testToken)
	mustJSON(t, []byte(r.body), &stored)
	if r.status != 200 || stored.Data.Outcome != "replaced" {
		t.Errorf("replace: %d %s", r.status, r.body)
	}
	if r := do(t, "GET", ts.URL+"/api/v1/documents/"+url.PathEscape(id), "", ""); !strings.Contains(r.body, "N'Djamena") {
		t.Errorf("the replacement was not stored: %s", r.body)
	}
}

const articleHTML = `<!doctype html><html><head><title>US troops to leave Niger</title></head><body><article><h1>US troops to leave Niger</h1>
<p>The United States will pull all of its troops out of Niger by Sept. 15, the two governments said on Sunday, settling the terms of an exit.</p>
<p>The timetable was fixed during several days of talks in Niamey between a Pentagon delegation and Nigerien defence officials.</p>
</article></body></html>`

func TestCodeURLRefusesPrivateAddresses(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML)
	}))
	defer site.Close()
	body := fmt.Sprintf(`{"url": %q, "date": "2024-05-19"}`, site.URL+"/article")

	ts, _ := newServer(t, nil) // the default fetcher refuses loopback
	r := do(t, "POST", ts.URL+"/api/v1/code", "application/json", body, "Authorization", "Bearer "+testToken)
	if r.status != 400 || errorCode(t, r) != "private_address" {
		t.Fatalf("loopback URL: %d %s", r.status, r.body)
	}

	ts2, _ := newServer(t, func(c *server.Config) {
		c.Fetcher = ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true, PerHost: 1})
	})
	r = do(t, "POST", ts2.URL+"/api/v1/code", "application/json", body, "Authorization", "Bearer "+testToken)
	if r.status != 200 || !strings.Contains(r.body, "CONCEDE") {
		t.Fatalf("allowed loopback URL: %d %s", r.status, r.body)
	}
	r = do(t, "POST", ts2.URL+"/api/v1/ingest", "application/json", fmt.Sprintf(`{"urls": [%q]}`, site.URL+"/article"), "Authorization", "Bearer "+testToken)
	var sum struct {
		Data struct {
			Inserted int
			Errors   []string
		}
	}
	mustJSON(t, []byte(r.body), &sum)
	if r.status != 200 || sum.Data.Inserted != 1 {
		t.Fatalf("ingest: %d %s", r.status, r.body)
	}
}

func TestPrivateServer(t *testing.T) {
	ts, _ := newServer(t, func(c *server.Config) { c.Private = true })
	if r := do(t, "GET", ts.URL+"/api/v1/events", "", ""); r.status != 401 || errorCode(t, r) != "unauthorized" {
		t.Errorf("private read without token: %d", r.status)
	}
	if r := do(t, "GET", ts.URL+"/api/v1/events", "", "", "Authorization", "Bearer "+testToken); r.status != 200 {
		t.Errorf("private read with token: %d", r.status)
	}
	if r := do(t, "GET", ts.URL+"/healthz", "", ""); r.status != 200 {
		t.Errorf("healthz on a private server: %d", r.status)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(ts.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("private page without token: %d to %q, want a redirect to /login", res.StatusCode, res.Header.Get("Location"))
	}
	if _, err := server.New(server.Config{Store: nil}); err == nil {
		t.Error("New without a store succeeded")
	}
}

func TestRateLimit(t *testing.T) {
	ts, _ := newServer(t, func(c *server.Config) { c.Rate, c.Burst = 1, 3 })
	codes := map[int]int{}
	var last resp
	for range 6 {
		last = do(t, "GET", ts.URL+"/api/v1/events?limit=1", "", "")
		codes[last.status]++
	}
	if codes[200] != 3 || codes[429] != 3 {
		t.Fatalf("statuses %v, want 3 × 200 then 3 × 429", codes)
	}
	if errorCode(t, last) != "rate_limited" || last.header.Get("Retry-After") == "" {
		t.Errorf("429 without envelope or Retry-After: %v %s", last.header, last.body)
	}
	if r := do(t, "GET", ts.URL+"/healthz", "", ""); r.status != 200 {
		t.Errorf("healthz is rate limited: %d", r.status)
	}
}

func TestOpenAPIAndMetrics(t *testing.T) {
	ts, _ := newServer(t, nil)
	r := do(t, "GET", ts.URL+"/api/v1/openapi.json", "", "")
	var doc struct {
		OpenAPI string                     `json:"openapi"`
		Paths   map[string]json.RawMessage `json:"paths"`
	}
	mustJSON(t, []byte(r.body), &doc)
	for _, p := range []string{"/api/v1/events", "/api/v1/dyads/{a}/{b}/series", "/api/v1/dyads/{a}/{b}/events", "/api/v1/actors/{code}",
		"/api/v1/documents", "/api/v1/documents/{id}", "/api/v1/code", "/api/v1/ingest", "/api/v1/places", "/api/v1/stats", "/healthz", "/metrics"} {
		if _, ok := doc.Paths[p]; !ok {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	do(t, "GET", ts.URL+"/api/v1/documents/us-niger-withdrawal", "", "")
	do(t, "GET", ts.URL+"/api/v1/documents/nope", "", "")
	m := do(t, "GET", ts.URL+"/metrics", "", "").body
	for _, want := range []string{
		`dyad_http_requests_total{route="GET /api/v1/documents/{id}",method="GET",code="200"} 1`,
		`dyad_http_requests_total{route="GET /api/v1/documents/{id}",method="GET",code="404"} 1`,
		`dyad_http_request_duration_seconds_count{route="GET /api/v1/openapi.json"} 1`,
		"# TYPE dyad_http_request_duration_seconds histogram",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q:\n%s", want, m)
		}
	}
}
