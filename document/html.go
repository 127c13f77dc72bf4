package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// MaxHTMLSize is the largest page FromHTML reads, in bytes.
const MaxHTMLSize = 8 << 20

// minArticle is the fewest characters of body text that make an article.
const minArticle = 80

// ErrNoArticle is returned (wrapped) by FromHTML for a page without an
// article body.
var ErrNoArticle = errors.New("no article text found")

// FromHTML extracts the article from an HTML page: its body text (clean, in
// paragraphs separated by blank lines), title, canonical URL (the page's
// rel=canonical link if it has one, else pageURL, canonicalised), outlet
// (og:site_name, else the host) and publication date when the page gives
// one. The ID is left empty. Pages in a legacy encoding declared by a meta
// tag are decoded to UTF-8. Pages over MaxHTMLSize and pages without an
// article body (ErrNoArticle) are errors.
func FromHTML(r io.Reader, pageURL string) (Document, error) {
	var d Document
	raw, err := io.ReadAll(io.LimitReader(r, MaxHTMLSize+1))
	if err != nil {
		return d, fmt.Errorf("document: html %s: %w", pageURL, err)
	}
	if len(raw) > MaxHTMLSize {
		return d, fmt.Errorf("document: html %s: page is over the size limit of %d bytes", pageURL, MaxHTMLSize)
	}
	if !utf8.Valid(raw) {
		enc, _, _ := charset.DetermineEncoding(raw, "")
		if dec, err := enc.NewDecoder().Bytes(raw); err == nil {
			raw = dec
		}
	}
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return d, fmt.Errorf("document: html %s: %w", pageURL, err)
	}
	var base *url.URL
	if pageURL != "" {
		base, err = url.Parse(pageURL)
		if err != nil {
			return d, fmt.Errorf("document: html: page URL %q: %w", pageURL, err)
		}
	}
	meta := scanMeta(root)
	art, err := readability.FromDocument(root, base)
	if err != nil {
		return d, fmt.Errorf("document: html %s: %w: %v", pageURL, ErrNoArticle, err)
	}
	var text strings.Builder
	if art.Node != nil {
		if err := art.RenderText(&text); err != nil {
			return d, fmt.Errorf("document: html %s: %w", pageURL, err)
		}
	}
	d.Text = tidyText(text.String())
	if utf8.RuneCountInString(d.Text) < minArticle {
		return d, fmt.Errorf("document: html %s: %w", pageURL, ErrNoArticle)
	}
	d.Title = strings.TrimSpace(art.Title())
	if d.Title == "" {
		d.Title = meta.title
	}
	d.URL = pageURL
	if meta.canonical != "" {
		if c, err := url.Parse(meta.canonical); err == nil && base != nil {
			d.URL = base.ResolveReference(c).String()
		} else if err == nil && c.IsAbs() {
			d.URL = c.String()
		}
	}
	d.URL = CanonicalURL(d.URL)
	d.Source = strings.TrimSpace(art.SiteName())
	if d.Source == "" {
		if u, err := url.Parse(d.URL); err == nil {
			d.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	if t, err := art.PublishedTime(); err == nil {
		d.Date = t
	} else if meta.time != "" {
		if t, ok := ParseDate(meta.time); ok {
			d.Date = t
		}
	}
	return d, nil
}

type pageMeta struct {
	title, canonical, time string
}

// scanMeta finds the <title>, the rel=canonical link and the first
// <time datetime> of a page.
func scanMeta(n *html.Node) pageMeta {
	var m pageMeta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				if m.time == "" {
					m.time = strings.TrimSpace(attr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// tidyText trims each line, and keeps at most one blank line between
// paragraphs.
func tidyText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return b.String()
}

// dateLayouts are the publication date formats ParseDate accepts.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "January 2, 2006", "2 January 2006",
}

// ParseDate parses a publication date in one of the usual machine formats
// (RFC 3339, RFC 1123, ISO dates); ok is false when none fits.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// trackingParams are query parameters that identify a campaign, not a page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true,
	"igshid": true, "ref": true, "ref_src": true, "cmpid": true, "ocid": true,
}

// CanonicalURL returns u in a canonical form, so that one page reached by
// different links has one URL: scheme and host lower-cased, default port,
// fragment and tracking parameters (utm_*, fbclid, ...) dropped, the other
// parameters sorted, an empty path made "/". A string that is not an
// absolute http(s) URL is returned trimmed and otherwise unchanged.
func CanonicalURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return u
	}
	p.Scheme = strings.ToLower(p.Scheme)
	host := strings.ToLower(p.Hostname())
	port := p.Port()
	if (p.Scheme == "http" && port == "80") || (p.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	p.Host = host
	p.Fragment, p.RawFragment = "", ""
	p.User = nil
	if p.Path == "" {
		p.Path = "/"
	}
	q := p.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	p.RawQuery = b.String()
	p.ForceQuery = false
	return p.String()
}
