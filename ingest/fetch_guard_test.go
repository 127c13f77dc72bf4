package ingest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"dyad/ingest"
)

// Issue 17, item 5: the address is checked when the connection is made,
// after name resolution, so a host name or an IPv4-mapped IPv6 literal that
// leads to loopback is refused, and the error says which range it is in.
func TestFetcherChecksTheDialledAddress(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	f := ingest.NewFetcher(ingest.FetchOptions{PerHost: 1})
	for _, host := range []string{"localhost:" + u.Port(), "[::ffff:127.0.0.1]:" + u.Port()} {
		_, err := f.Get(context.Background(), "http://"+host+"/", false)
		if !errors.Is(err, ingest.ErrPrivateAddress) || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("%s: %v, want a refusal naming loopback", host, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the local server was reached %d times", n)
	}
}
