package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"

	"dyad/internal/netguard"
	"dyad/store"
)

// FetchOptions configure a Fetcher. Zero fields take the defaults.
type FetchOptions struct {
	UserAgent    string        // default "dyad/0 (+https://github.com/dyad; political event coder)"
	Timeout      time.Duration // whole request, default 30s
	MaxBytes     int64         // largest body read, default 8 MiB
	MaxRedirects int           // default 5
	PerHost      time.Duration // least time between two requests to one host, default 1s
	// AllowPrivate permits loopback, private and link-local addresses,
	// which are refused by default.
	AllowPrivate bool
	// State, when set, keeps ETag and Last-Modified between runs so that
	// conditional requests make unchanged feeds cost nothing.
	State StateStore
}

// Fetcher gets pages and feeds politely and safely: it names itself, waits
// between requests to one host, bounds time, size and redirects, and
// refuses addresses inside the local network unless allowed. It is safe for
// concurrent use.
type Fetcher struct {
	opts   FetchOptions
	client *http.Client

	mu   sync.Mutex
	next map[string]time.Time // host -> earliest time of its next request
}

// Response is a fetched body.
type Response struct {
	URL         string // after redirects
	ContentType string
	Body        []byte
	NotModified bool // a conditional request found the resource unchanged
}

// ErrPrivateAddress is returned (wrapped) for a URL that resolves to a
// loopback, private, link-local or other special-purpose address (see
// internal/netguard) when these are not allowed.
var ErrPrivateAddress = errors.New("address is not public: loopback, private, link-local or another special-purpose range (use --allow-private to allow it)")

// NewFetcher returns a Fetcher with the options, defaults filled in.
func NewFetcher(o FetchOptions) *Fetcher {
	if o.UserAgent == "" {
		o.UserAgent = "dyad/0 (political event coder; +https://github.com/dyad)"
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = 8 << 20
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.PerHost == 0 {
		o.PerHost = time.Second
	}
	f := &Fetcher{opts: o, next: make(map[string]time.Time)}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: f.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide where we connect
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       60 * time.Second,
	}
	f.client = &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects", o.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s", req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// control vets the address a connection is about to be made to, after name
// resolution, so neither a DNS answer nor a redirect can lead inside.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	if f.opts.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%s: %w", address, ErrPrivateAddress)
	}
	if r, blocked := netguard.Blocked(ap.Addr()); blocked {
		return fmt.Errorf("%s is %s, %s: %w", ap.Addr(), r.Name, r.RFC, ErrPrivateAddress)
	}
	return nil
}

// wait blocks until host may be asked again.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	f.mu.Lock()
	now := time.Now()
	at := f.next[host]
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(f.opts.PerHost)
	f.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Get fetches rawURL. With conditional set and a StateStore configured, it
// sends the validators remembered for the URL and reports NotModified on
// 304, and remembers the new validators on success.
func (f *Fetcher) Get(ctx context.Context, rawURL string, conditional bool) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("ingest: fetch %s: not an http(s) URL", rawURL)
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, fmt.Errorf("ingest: fetch %s: %w", rawURL, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("ingest: fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
	conditional = conditional && f.opts.State != nil
	if conditional {
		st, err := f.opts.State.FetchState(ctx, rawURL)
		if err == nil {
			if st.ETag != "" {
				req.Header.Set("If-None-Match", st.ETag)
			}
			if st.LastModified != "" {
				req.Header.Set("If-Modified-Since", st.LastModified)
			}
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ingest: fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("ingest: fetch %s: %s", rawURL, resp.Status)
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, fmt.Errorf("ingest: fetch %s: body of %d bytes is over the size limit of %d", rawURL, resp.ContentLength, f.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("ingest: fetch %s: %w", rawURL, err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, fmt.Errorf("ingest: fetch %s: body is over the size limit of %d bytes", rawURL, f.opts.MaxBytes)
	}
	out.Body = body
	if conditional {
		st := store.FetchState{URL: rawURL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
		if st.ETag != "" || st.LastModified != "" {
			if err := f.opts.State.SetFetchState(ctx, st); err != nil {
				return nil, fmt.Errorf("ingest: fetch %s: %w", rawURL, err)
			}
		}
	}
	return out, nil
}

func resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	return b.ResolveReference(r).String(), nil
}
