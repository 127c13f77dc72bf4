// Command corpus writes a deterministic JSON-lines corpus of news
// documents for benchmarking dyad, made only from dyad's own article texts
// (the gold articles and the examples; see package dyad/bench/articles).
//
//	go run ./bench/corpus -docs 20000 -seed 1 -out bench/out/corpus.jsonl
//
// Each document takes the title and opening paragraph (with its dateline)
// of one article, then three to nine paragraphs drawn from that article and
// the others, some of them rebuilt from sentences of different articles;
// its publication date is drawn from 2015-2025. Document i depends only on
// the seed and i, so the same seed and size give byte-identical output, and
// a smaller corpus is a prefix of a larger one with the same seed.
//
// Each line is {"id","date","title","text"}, as `dyad code --in jsonl`
// reads it.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"dyad/bench/articles"
	"dyad/segment"
)

func main() {
	docs := flag.Int("docs", 1000, "number of documents to write")
	seed := flag.Uint64("seed", 1, "seed of the generator; the same seed and size give the same bytes")
	out := flag.String("out", "-", "output file, or - for stdout")
	root := flag.String("root", ".", "repository root, where testdata/gold/articles and examples are")
	flag.Parse()
	if *docs < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: corpus [-docs N] [-seed S] [-out FILE.jsonl] [-root DIR]")
		os.Exit(2)
	}
	arts, err := articles.All(*root)
	if err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %v\n", err)
		os.Exit(1)
	}
	if err := write(*out, newSource(arts), *docs, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %v\n", err)
		os.Exit(1)
	}
}

func write(name string, src *source, docs int, seed uint64) error {
	w := io.Writer(os.Stdout)
	var f *os.File
	if name != "-" {
		var err error
		if f, err = os.Create(name); err != nil {
			return err
		}
		w = f
	}
	err := src.generate(w, docs, seed)
	if f != nil {
		err = errors.Join(err, f.Close())
	}
	return err
}

// source is the material documents are made of.
type source struct {
	arts  []article
	sents []string // every sentence of every paragraph
}

type article struct {
	title string
	paras []string
}

func newSource(arts []articles.Article) *source {
	s := &source{}
	for _, a := range arts {
		ps := articles.Paragraphs(a.Text)
		if len(ps) == 0 {
			continue
		}
		s.arts = append(s.arts, article{title: a.Title, paras: ps})
		for _, p := range ps {
			for _, sp := range segment.Split(nil, p) {
				s.sents = append(s.sents, p[sp.Start:sp.End])
			}
		}
	}
	return s
}

// doc is one line of the corpus, fields in this order.
type doc struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

var firstDay = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

// generate writes docs documents made with seed.
func (s *source) generate(w io.Writer, docs int, seed uint64) error {
	if len(s.arts) == 0 {
		return errors.New("no article texts to draw from")
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := 0; i < docs; i++ {
		if err := enc.Encode(s.doc(i, seed)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// doc makes document i from its own stream of the generator.
func (s *source) doc(i int, seed uint64) doc {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	base := s.arts[r.IntN(len(s.arts))]
	paras := []string{base.paras[0]}
	for n := 3 + r.IntN(7); n > 0; n-- {
		switch x := r.IntN(8); {
		case x < 3 && len(base.paras) > 1: // a later paragraph of the same article
			paras = append(paras, base.paras[1+r.IntN(len(base.paras)-1)])
		case x < 6: // a paragraph of any article
			a := s.arts[r.IntN(len(s.arts))]
			paras = append(paras, a.paras[r.IntN(len(a.paras))])
		default: // two to four sentences of any articles
			k := 2 + r.IntN(3)
			ss := make([]string, k)
			for j := range ss {
				ss[j] = s.sents[r.IntN(len(s.sents))]
			}
			paras = append(paras, strings.Join(ss, " "))
		}
	}
	date := firstDay.AddDate(0, 0, r.IntN(11*365))
	return doc{
		ID:    fmt.Sprintf("bench-%d-%07d", seed, i),
		Date:  date.Format("2006-01-02"),
		Title: base.title,
		Text:  strings.Join(paras, "\n\n") + "\n",
	}
}
