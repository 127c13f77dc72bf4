package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"dyad/document"
)

// MaxFileSize is the largest text, HTML or feed file a source reads; a
// JSON-lines record may be as long (document.MaxDocument).
const MaxFileSize = document.MaxDocument

// kind is how a file or response is read.
type kind int

const (
	kindText kind = iota
	kindJSONL
	kindHTML
	kindFeed
)

// kindByName guesses a kind from a file name (a trailing .gz ignored); ok is
// false for names a directory walk should skip.
func kindByName(name string) (kind, bool) {
	n := strings.ToLower(strings.TrimSuffix(strings.ToLower(name), ".gz"))
	switch filepath.Ext(n) {
	case ".jsonl", ".ndjson", ".json":
		return kindJSONL, true
	case ".html", ".htm", ".xhtml":
		return kindHTML, true
	case ".xml", ".rss", ".atom", ".feed":
		return kindFeed, true
	case ".txt", ".text":
		return kindText, true
	}
	return kindText, false
}

// sniff tells the kind from the first bytes of content.
func sniff(head []byte) kind {
	h := bytes.TrimLeft(head, " \t\r\n\ufeff")
	lower := bytes.ToLower(h[:min(len(h), 512)])
	switch {
	case bytes.HasPrefix(h, []byte("{")):
		return kindJSONL
	case bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) || bytes.Contains(lower, []byte("<rdf:rdf")):
		return kindFeed
	case bytes.HasPrefix(h, []byte("<")):
		return kindHTML
	}
	return kindText
}

// open opens a file, undoing gzip compression when its bytes say so.
func open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(f)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, err
		}
		return struct {
			io.Reader
			io.Closer
		}{zr, f}, nil
	}
	return struct {
		io.Reader
		io.Closer
	}{br, f}, nil
}

// walker emits the tasks of local paths and URLs.
type walker struct {
	ctx   context.Context
	out   chan<- task
	fetch func(ctx context.Context, url string, conditional bool) (*Response, error)
	// passed lists the files a directory walk did not read.
	passed []Passed
}

func (w *walker) send(t task) bool {
	select {
	case w.out <- t:
		return true
	case <-w.ctx.Done():
		return false
	}
}

func (w *walker) fail(origin string, err error) bool {
	return w.send(task{origin: origin, err: err})
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// path emits the tasks of one command-line argument.
func (w *walker) path(p string) bool {
	if isURL(p) {
		return w.url(p)
	}
	info, err := os.Stat(p)
	if err != nil {
		return w.fail(p, fmt.Errorf("ingest: %w", err))
	}
	if !info.IsDir() {
		return w.file(p, -1)
	}
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !w.fail(path, fmt.Errorf("ingest: %w", err)) {
				return w.ctx.Err()
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && path != p {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		k, ok := kindByName(d.Name())
		if !ok {
			w.passed = append(w.passed, Passed{Path: path, Why: passedWhy(d.Name())})
			return nil
		}
		if !w.file(path, k) {
			return w.ctx.Err()
		}
		return nil
	})
	return err == nil
}

// file emits the tasks of one file; k < 0 means sniff the kind.
func (w *walker) file(path string, k kind) bool {
	rc, err := open(path)
	if err != nil {
		return w.fail(path, fmt.Errorf("ingest: %w", err))
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	if k < 0 {
		head, _ := br.Peek(512)
		k = sniff(head)
		if byName, ok := kindByName(path); ok && (byName == kindJSONL || byName == kindFeed) {
			k = byName
		}
	}
	if k == kindJSONL {
		return w.jsonl(path, br)
	}
	data, err := io.ReadAll(io.LimitReader(br, MaxFileSize+1))
	if err != nil {
		return w.fail(path, fmt.Errorf("ingest: %s: %w", path, err))
	}
	if len(data) > MaxFileSize {
		return w.fail(path, fmt.Errorf("ingest: %s: file is over the size limit of %d bytes", path, MaxFileSize))
	}
	switch k {
	case kindHTML:
		d, err := document.FromHTML(bytes.NewReader(data), "")
		if err != nil {
			return w.fail(path, fmt.Errorf("ingest: %s: %w", path, err))
		}
		d.ID = document.FileID(path)
		return w.send(task{doc: d, origin: path})
	case kindFeed:
		return w.feed(path, "", data)
	}
	if strings.TrimSpace(string(data)) == "" {
		return w.fail(path, fmt.Errorf("ingest: %s: empty file", path))
	}
	// Plain text may open with a Title/Date/URL/Source header block.
	// Errors name the file as given; the document is stored under its ID.
	d, err := document.FromText(data, path)
	if err != nil {
		return w.fail(path, fmt.Errorf("ingest: %w", err))
	}
	// A header with nothing under it ("Title: ..." alone) is no article.
	if strings.TrimSpace(d.Text) == "" {
		return w.fail(path, fmt.Errorf("ingest: %s: no text after the header", path))
	}
	if d.ID == path {
		d.ID = document.FileID(path)
	}
	d.URL = document.CanonicalURL(d.URL)
	return w.send(task{doc: d, origin: path})
}

// errStop ends a JSON-lines read when the run is cancelled.
var errStop = errors.New("ingest: stopped")

// jsonl emits one task per line of a JSON-lines corpus, read as "dyad
// code" reads one (document.EachJSONL). A line without an id is stored
// under an ID made from its text (store.DocID). A bad line (too long,
// malformed, without text, with a bad date or an id seen earlier in the
// file) is an error for that line, and reading goes on.
func (w *walker) jsonl(path string, r io.Reader) bool {
	stopped := false
	err := document.EachJSONL(r, path, func(l document.Line) error {
		origin := fmt.Sprintf("%s:%d", path, l.N)
		switch {
		case stopped:
		case strings.TrimSpace(l.Doc.Text) == "":
			stopped = !w.fail(origin, fmt.Errorf("ingest: %s: no text", origin))
		default:
			d := l.Doc
			d.URL = document.CanonicalURL(d.URL)
			stopped = !w.send(task{doc: d, origin: origin})
		}
		if stopped {
			return errStop
		}
		return nil
	}, func(le *document.LineError) {
		if !stopped {
			stopped = !w.fail(fmt.Sprintf("%s:%d", path, le.Line), fmt.Errorf("ingest: %w", le))
		}
	})
	if errors.Is(err, errStop) {
		return false
	}
	if err != nil {
		return w.fail(path, fmt.Errorf("ingest: %w", err))
	}
	return !stopped
}

// feed emits a task per item of an RSS or Atom feed: the item's page to
// fetch, or, for an item without a link, its own content.
func (w *walker) feed(origin, feedURL string, data []byte) bool {
	if !utf8.Valid(data) && declaresUTF8(data) {
		// Stray bad bytes in a UTF-8 feed: keep the rest of it.
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return w.fail(origin, fmt.Errorf("ingest: %s: feed: %w", origin, err))
	}
	for i, it := range f.Items {
		org := fmt.Sprintf("%s#%d", origin, i+1)
		d := document.Document{Title: strings.TrimSpace(it.Title), Source: strings.TrimSpace(f.Title)}
		if it.PublishedParsed != nil {
			d.Date = *it.PublishedParsed
		} else if it.UpdatedParsed != nil {
			d.Date = *it.UpdatedParsed
		}
		link := strings.TrimSpace(it.Link)
		if link != "" && feedURL != "" && !isURL(link) {
			if u, err := resolve(feedURL, link); err == nil {
				link = u
			}
		}
		if isURL(link) {
			if !w.send(task{doc: d, origin: org, fetch: link}) {
				return false
			}
			continue
		}
		body := it.Content
		if body == "" {
			body = it.Description
		}
		if strings.TrimSpace(body) == "" {
			if !w.fail(org, fmt.Errorf("ingest: %s: feed item has neither a link nor content", org)) {
				return false
			}
			continue
		}
		x, err := document.FromHTML(strings.NewReader("<html><body><article>"+body+"</article></body></html>"), "")
		if err != nil {
			if !w.fail(org, fmt.Errorf("ingest: %s: %w", org, err)) {
				return false
			}
			continue
		}
		d.Text = x.Text
		d.ID = it.GUID
		if !w.send(task{doc: d, origin: org}) {
			return false
		}
	}
	return true
}

// url fetches a URL given on the command line: a feed (whose items are then
// fetched) or a page.
func (w *walker) url(u string) bool {
	if w.fetch == nil {
		return w.fail(u, fmt.Errorf("ingest: %s: fetching is not enabled", u))
	}
	resp, err := w.fetch(w.ctx, u, true)
	if err != nil {
		return w.fail(u, err)
	}
	if resp.NotModified {
		return true // an unchanged feed costs nothing
	}
	if isFeed(resp.ContentType, resp.Body) {
		return w.feed(u, resp.URL, resp.Body)
	}
	d, err := document.FromHTML(bytes.NewReader(resp.Body), resp.URL)
	if err != nil {
		return w.fail(u, fmt.Errorf("ingest: %w", err))
	}
	return w.send(task{doc: d, origin: u})
}

// declaresUTF8 reports whether an XML document declares UTF-8 or no
// encoding at all (which means UTF-8).
func declaresUTF8(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 200)])
	if !bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml")) {
		return true
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return true
	}
	decl := head[:end]
	i := bytes.Index(decl, []byte("encoding"))
	return i < 0 || bytes.Contains(decl[i:], []byte("utf-8")) || bytes.Contains(decl[i:], []byte("utf8"))
}

func isFeed(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") {
		return true
	}
	if strings.Contains(ct, "html") {
		return false
	}
	return sniff(body[:min(len(body), 512)]) == kindFeed
}
