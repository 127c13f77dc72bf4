package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzFeed feeds arbitrary bytes to the feed reader: it must neither panic
// nor hang, and every task it emits is a fetch, a document with text, or an
// error.
func FuzzFeed(f *testing.F) {
	files, _ := filepath.Glob("testdata/feeds/*.xml")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		walk(func(w *walker) { w.feed("fuzz.xml", "https://fuzz.example/feed", data) }, func(tk task) {
			if tk.err == nil && tk.fetch == "" && tk.doc.Text == "" {
				t.Errorf("task without error, link or text: %+v", tk)
			}
		})
	})
}
