package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"dyad/server"
	"dyad/store"
)

// fuzzRoutes are the routes that read what a client sends: query
// parameters, path segments ({x}), JSON bodies and forms.
var fuzzRoutes = []struct{ method, path string }{
	{"GET", "/api/v1/events"}, {"GET", "/api/v1/places"}, {"GET", "/api/v1/stats"},
	{"GET", "/api/v1/dyads/{x}/NER/series"}, {"GET", "/api/v1/dyads/USA/{x}/events"}, {"GET", "/api/v1/actors/{x}"},
	{"GET", "/api/v1/documents"}, {"GET", "/api/v1/documents/{x}"},
	{"POST", "/api/v1/code"}, {"POST", "/api/v1/documents"}, {"POST", "/api/v1/ingest"},
	{"GET", "/events"}, {"GET", "/dyad"}, {"GET", "/dyads/{x}/NER"}, {"GET", "/actor"}, {"GET", "/actors/{x}"},
	{"GET", "/documents"}, {"GET", "/documents/{x}"}, {"GET", "/charts/dyad.svg"},
	{"POST", "/code"}, {"POST", "/login"}, {"GET", "/login"},
}

var fuzzTypes = []string{"application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=b", "", "application/json; charset=latin1"}

// FuzzAPI sends arbitrary query parameters, path segments, JSON bodies and
// forms to every route that reads them, with and without the token: the
// server never fails inside (5xx) nor panics, and every API error is the
// JSON envelope with its status.
func FuzzAPI(f *testing.F) {
	f.Add(uint8(0), "", "actor=USA&recipient=NER&from=2023-07-01&to=2024-12&sort=-goldstein&limit=5&offset=1&format=csv", uint8(4), "", false)
	f.Add(uint8(0), "", "from=2024-13-45&to=2024-99&category=FOO&limit=0&offset=-1", uint8(4), "", false)
	f.Add(uint8(3), "U$A", "from=May", uint8(4), "", false)
	f.Add(uint8(7), "us-niger-withdrawal", "", uint8(4), "", false)
	f.Add(uint8(8), "", "", uint8(0), `{"text": "Kenyan police arrested 20 protesters in Nairobi on Tuesday.", "date": "2024-05-19", "title": "Arrests"}`, false)
	f.Add(uint8(8), "", "", uint8(0), `{"text": "x", "date": "19 May", "txt": 1}`, false)
	f.Add(uint8(8), "", "", uint8(2), `hello`, false)
	f.Add(uint8(9), "", "", uint8(0), `{"id": "a/b", "text": "Moscow condemned the decision.", "url": "javascript:alert(1)", "date": "2024-05-19"}`, true)
	f.Add(uint8(10), "", "", uint8(0), `{"urls": ["/etc/passwd", "https://example.org/feed"]}`, true)
	f.Add(uint8(19), "", "", uint8(1), "text=France+and+Germany+agreed+to+expand+defence+cooperation.&date=2024-05-19&save=1&token=s3cret-token", false)
	f.Add(uint8(19), "", "", uint8(3), "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nTalks.\r\n--b--\r\n", false)
	f.Add(uint8(20), "", "next=/%09/evil.example", uint8(1), "token=nope&next=//evil.example", false)
	f.Add(uint8(12), "", "a=USA&b=NER&from=2024&to=2023", uint8(4), "", false)

	db, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "dyad.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	seed(f, db, exampleDoc(f))
	// No fetcher: a fuzzed URL must not reach the network.
	srv, err := server.New(server.Config{Store: db, Coder: testCoder(f), Token: testToken, Rate: -1, MaxBody: 64 << 10})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(srv.Close)

	f.Fuzz(func(t *testing.T, route uint8, segment, query string, ctype uint8, body string, auth bool) {
		rt := fuzzRoutes[int(route)%len(fuzzRoutes)]
		target := strings.Replace(rt.path, "{x}", url.PathEscape(segment), 1)
		if query != "" {
			target += "?" + query
		}
		req, err := http.NewRequest(rt.method, "http://dyad.test"+target, strings.NewReader(body))
		if err != nil {
			return // not a request a client can send
		}
		if ct := fuzzTypes[int(ctype)%len(fuzzTypes)]; ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if auth {
			req.Header.Set("Authorization", "Bearer "+testToken)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		res := rec.Result()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 500 {
			t.Fatalf("%s %s (%s) %q: status %d: %s", rt.method, target, req.Header.Get("Content-Type"), body, res.StatusCode, b)
		}
		if strings.HasPrefix(rt.path, "/api/") && res.StatusCode >= 400 {
			var env struct {
				Error struct {
					Status  int    `json:"status"`
					Message string `json:"message"`
				} `json:"error"`
			}
			if err := json.Unmarshal(b, &env); err != nil || env.Error.Status != res.StatusCode || env.Error.Message == "" {
				t.Fatalf("%s %s: status %d without the error envelope: %s", rt.method, target, res.StatusCode, b)
			}
		}
	})
}
