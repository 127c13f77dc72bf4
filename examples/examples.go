// Package examples holds the news articles bundled with dyad, so that a
// newcomer has something to code and browse before ingesting any news.
//
// In: nothing. Out: the articles as documents. Each file is a plain-text
// article that opens with a Title:/Date:/Source: header (the format dyad
// code and dyad ingest read); a document's ID is its file name without
// ".txt". The article the README codes is at the top; more/ holds the
// texts of the gold articles (testdata/gold/articles), kept apart so that
// the benchmarks, which read the gold articles and the top-level
// examples, do not count them twice.
package examples

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"dyad/document"
)

//go:embed *.txt more/*.txt
var files embed.FS

// FS returns the article files.
func FS() fs.FS { return files }

// Documents returns the articles as documents: the top-level ones, then
// those of more/, each in file name order.
func Documents() ([]document.Document, error) {
	var names []string
	for _, pat := range []string{"*.txt", "more/*.txt"} {
		ns, err := fs.Glob(files, pat)
		if err != nil {
			return nil, fmt.Errorf("examples: %w", err)
		}
		names = append(names, ns...)
	}
	out := make([]document.Document, 0, len(names))
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("examples: %s: %w", n, err)
		}
		d, err := document.FromText(b, strings.TrimSuffix(path.Base(n), ".txt"))
		if err != nil {
			return nil, fmt.Errorf("examples: %s: %w", n, err)
		}
		out = append(out, d)
	}
	return out, nil
}
