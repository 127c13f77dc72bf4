// Package articles reads dyad's own article texts for the benchmarks and
// the bench corpus: the gold articles (testdata/gold/articles/*.gold) and
// the examples (examples/*.txt). Nothing is downloaded.
//
// In: the repository root. Out: the articles, in file order, with their
// publication dates, titles and texts.
package articles

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dyad/document"
	"dyad/eval"
)

// Article is one article text.
type Article struct {
	ID, Title string
	Date      time.Time
	Text      string
}

// Gold returns the documents of the gold articles under root, the
// repository root, in file order.
func Gold(root string) ([]Article, error) {
	files, err := filepath.Glob(filepath.Join(root, "testdata", "gold", "articles", "*.gold"))
	if err != nil {
		return nil, err
	}
	var out []Article
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		docs, err := eval.ReadGold(f, name)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		for _, d := range docs {
			out = append(out, Article{ID: d.ID, Title: d.Title, Date: d.Date, Text: d.Text})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("articles: no gold articles in %s; give the repository root", filepath.Join(root, "testdata", "gold", "articles"))
	}
	return out, nil
}

// Examples returns the example articles (plain text with a header) under
// root, the repository root, in file order.
func Examples(root string) ([]Article, error) {
	files, err := filepath.Glob(filepath.Join(root, "examples", "*.txt"))
	if err != nil {
		return nil, err
	}
	var out []Article
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		d, err := document.FromText(data, strings.TrimSuffix(filepath.Base(name), ".txt"))
		if err != nil {
			return nil, fmt.Errorf("articles: %s: %w", name, err)
		}
		out = append(out, Article{ID: d.ID, Title: d.Title, Date: d.Date, Text: d.Text})
	}
	return out, nil
}

// All returns the gold articles, then the examples.
func All(root string) ([]Article, error) {
	g, err := Gold(root)
	if err != nil {
		return nil, err
	}
	e, err := Examples(root)
	if err != nil {
		return nil, err
	}
	return append(g, e...), nil
}

// Paragraphs returns the paragraphs of a text: its runs of non-blank lines,
// trimmed, each joined into one line.
func Paragraphs(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}
