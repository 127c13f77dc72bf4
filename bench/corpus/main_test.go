package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"dyad/bench/articles"
	"dyad/document"
)

func testSource(t *testing.T) *source {
	t.Helper()
	arts, err := articles.All(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return newSource(arts)
}

func gen(t *testing.T, s *source, docs int, seed uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.generate(&b, docs, seed); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The same seed and size must give byte-identical corpora, so that figures
// from two machines or two commits measure the same input.
func TestDeterministic(t *testing.T) {
	s := testSource(t)
	a := gen(t, s, 300, 7)
	b := gen(t, testSource(t), 300, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("two corpora with seed 7 and 300 documents differ")
	}
	if c := gen(t, s, 300, 8); bytes.Equal(a, c) {
		t.Fatal("seeds 7 and 8 give the same corpus")
	}
	if small := gen(t, s, 100, 7); !bytes.HasPrefix(a, small) {
		t.Fatal("the 100-document corpus is not a prefix of the 300-document one")
	}
}

// Every line must be a document dyad reads, with a date, and the documents
// must differ from each other.
func TestReadable(t *testing.T) {
	data := gen(t, testSource(t), 500, 1)
	var docs []document.Document
	err := document.ReadJSONL(bytes.NewReader(data), "corpus", func(d document.Document) error {
		docs = append(docs, d)
		return nil
	}, func(le *document.LineError) {
		t.Errorf("line %d: %v", le.Line, le.Err)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 500 {
		t.Fatalf("read %d documents, want 500", len(docs))
	}
	texts := map[string]bool{}
	dates := map[string]bool{}
	for _, d := range docs {
		if d.Date.IsZero() || d.Title == "" || strings.TrimSpace(d.Text) == "" {
			t.Errorf("%s: missing date, title or text", d.ID)
		}
		texts[d.Text] = true
		dates[d.Date.Format("2006-01-02")] = true
	}
	if len(texts) < 490 {
		t.Errorf("only %d distinct texts in 500 documents", len(texts))
	}
	if len(dates) < 300 {
		t.Errorf("only %d distinct dates in 500 documents", len(dates))
	}
}
