package coder

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"dyad/document"
)

func loadBenchDocs(b *testing.B) []document.Document {
	f, err := os.Open("../testdata/gold/articles")
	if err != nil {
		b.Skip(err)
	}
	f.Close()
	var docs []document.Document
	entries, _ := os.ReadDir("../testdata/gold/articles")
	for _, e := range entries {
		data, _ := os.ReadFile("../testdata/gold/articles/" + e.Name())
		docs = append(docs, goldTexts(string(data))...)
	}
	return docs
}

// goldTexts pulls the texts out of a gold file without the eval package
// (which imports this one in its tests).
func goldTexts(s string) []document.Document {
	var docs []document.Document
	sc := bufio.NewScanner(stringsReader(s))
	var cur *document.Document
	in := false
	for sc.Scan() {
		l := sc.Text()
		switch {
		case len(l) > 4 && l[:4] == "=== ":
			docs = append(docs, document.Document{ID: l[4:], Date: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)})
			cur = &docs[len(docs)-1]
			in = false
		case l == "text:":
			in = true
		case l == "events:":
			in = false
		case in && cur != nil:
			cur.Text += l + "\n"
		}
	}
	return docs
}

var _ = json.Marshal

func newBenchCoder(b *testing.B) *Coder {
	c, err := Default(Options{})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkCode codes the gold articles; sentences/s is reported.
func BenchmarkCode(b *testing.B) {
	docs := loadBenchDocs(b)
	c := newBenchCoder(b)
	sentences := 0
	bytes := 0
	for _, d := range docs {
		bytes += len(d.Text)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			evs, _ := c.Code(d)
			_ = evs
		}
	}
	b.StopTimer()
	for _, d := range docs {
		sentences += c.countSentences(d.Text)
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkLoad measures building a coder from the embedded dictionaries
// and gazetteer: dyad's start-up cost.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		newBenchCoder(b)
	}
}
