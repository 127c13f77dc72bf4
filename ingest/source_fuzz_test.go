package ingest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sourceExts are the names a fuzzed file is given: each kind a name
// chooses, and a name that leaves the kind to sniffing.
var sourceExts = []string{".jsonl", ".txt", ".html", ".xml", ".dat", ".json"}

// FuzzSourceFile feeds arbitrary bytes to the reader of one command-line
// file, under each kind of name (JSON lines, text, HTML, feed, or sniffed):
// it never panics, every error names the file, a JSON-lines error names a
// line the file has, and every document has text.
func FuzzSourceFile(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"Kenyan police arrested 20 protesters.\",\"date\":\"2024-05-19\"}\n{broken\n\n{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":\"\"}\n{\"text\":\"y\",\"date\":\"May\"}\n"), uint8(0))
	f.Add([]byte("Title: Talks\nDate: 2024-05-19\n\nRussian and Ukrainian officials held talks in Istanbul.\n"), uint8(1))
	f.Add([]byte("<!doctype html><title>T</title><article><p>The Kremlin praised the hosts.</p></article>"), uint8(2))
	f.Add([]byte(`<?xml version="1.0"?><rss><channel><item><title>x</title><description>Troops withdrew.</description></item></channel></rss>`), uint8(3))
	f.Add([]byte("\ufeff  {\"text\":\"sniffed as JSON lines\"}"), uint8(4))
	f.Add([]byte("\x00\x01binary\xff"), uint8(4))
	f.Add([]byte(""), uint8(1))
	f.Add([]byte("[1,2]\n\"text\"\nnull\n"), uint8(5))
	files, _ := filepath.Glob("testdata/feeds/*.xml")
	for _, name := range files[:min(2, len(files))] {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(4))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, ext uint8) {
		path := filepath.Join(dir, "fuzz"+sourceExts[int(ext)%len(sourceExts)])
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(data), "\n") + 1
		walk(func(w *walker) { w.file(path, -1) }, func(tk task) {
			if !strings.HasPrefix(tk.origin, path) {
				t.Errorf("task origin %q does not name the file", tk.origin)
			}
			if tk.err != nil {
				if !strings.Contains(tk.err.Error(), path) {
					t.Errorf("error does not name the file: %v", tk.err)
				}
				if n, ok := strings.CutPrefix(tk.origin, path+":"); ok {
					if i, err := strconv.Atoi(n); err != nil || i < 1 || i > lines {
						t.Errorf("error names line %q of a %d-line file", n, lines)
					}
				}
				return
			}
			if tk.fetch == "" && strings.TrimSpace(tk.doc.Text) == "" {
				t.Errorf("document without text: %+v", tk)
			}
		})
	})
}

// walk runs read with a walker and hands each task it emits to check.
func walk(read func(w *walker), check func(task)) {
	out := make(chan task, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for tk := range out {
			check(tk)
		}
	}()
	read(&walker{ctx: context.Background(), out: out})
	close(out)
	<-done
}

// FuzzReadFeedList feeds arbitrary text as the --watch feed list: it never
// panics, a problem names the file, and every URL returned is an http(s)
// line of the file.
func FuzzReadFeedList(f *testing.F) {
	f.Add("# feeds\nhttps://example.org/feed.xml\n\n  http://example.com/rss  \n")
	f.Add("example.org/feed.xml\nftp://x\n")
	f.Add("https://a.example/\r\n#https://b.example/\n\xff\n")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "feeds.txt")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		urls, err := ReadFeedList(path)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error does not name the list: %v", err)
			}
			return
		}
		lines := strings.Split(data, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		for _, u := range urls {
			if !isURL(u) || !slices.Contains(lines, u) {
				t.Errorf("URL %q is not an http(s) line of the list", u)
			}
		}
	})
}
