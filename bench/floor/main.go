// Command floor reads a JSON-lines corpus the way `dyad code --in jsonl`
// does and splits it into sentences and tokens with dyad's own normalize,
// segment and tokenize packages, coding nothing: the floor under the
// coder's throughput.
//
//	go run ./bench/floor bench/out/corpus.jsonl
//
// It prints one "key value" line each for docs, sentences, tokens, bytes
// (of document text, the bytes the coder reads) and seconds (its own time
// from opening the file, without process start-up).
package main

import (
	"fmt"
	"os"
	"time"

	"dyad/document"
	"dyad/normalize"
	"dyad/segment"
	"dyad/tokenize"
)

// counts is what the floor reports.
type counts struct {
	docs, sentences, tokens, bytes, bad int
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor FILE.jsonl")
		os.Exit(2)
	}
	start := time.Now()
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	defer f.Close()
	var c counts
	var norm normalize.Normalizer
	var tok tokenize.Tokenizer
	var spans []segment.Span
	var toks []tokenize.Token
	var lower tokenize.Buffer
	err = document.ReadJSONL(f, os.Args[1], func(d document.Document) error {
		c.docs++
		c.bytes += len(d.Text)
		t := norm.Normalize(d.Text)
		spans = segment.Split(spans[:0], t.S)
		c.sentences += len(spans)
		for _, sp := range spans {
			toks = tok.TokenizeBuf(toks[:0], t.S, sp.Start, sp.End, &lower)
			c.tokens += len(toks)
		}
		return nil
	}, func(le *document.LineError) {
		c.bad++
		fmt.Fprintf(os.Stderr, "floor: %s:%d: %v\n", le.Name, le.Line, le.Err)
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("docs %d\nsentences %d\ntokens %d\nbytes %d\nseconds %.3f\n", c.docs, c.sentences, c.tokens, c.bytes, time.Since(start).Seconds())
	if c.bad > 0 {
		os.Exit(1)
	}
}
