// Command gen trains the part-of-speech tagger of package postag and
// writes its model file, postag/model.bin.
//
// It is run by go:generate in package postag:
//
//	go generate ./postag
//
// which reads the Universal Dependencies English Web Treebank (UD EWT,
// CC BY-SA 4.0) from ../shared/data/ud-english-ewt beside the repository:
// the training split to learn from, the development split to choose the
// number of passes over it. No sentence is written out: the model holds
// feature weights, a tag dictionary and word classes, each keyed by a
// 40-bit hash, and no word as text.
//
// The model is an averaged perceptron (Collins 2002; the recipe of
// Honnibal's "A good part-of-speech tagger in about 200 lines of Python",
// 2013): each pass tags the shuffled training sentences greedily, left to
// right, and moves the weights of a wrong guess's features from the guess
// to the right tag; the weights kept are their averages over every step,
// after the pass that tags the development split best (-patience passes
// without gain end a run). -runs runs, each shuffling with its own seed,
// are trained side by side and their weights averaged; the mean is scaled
// to -steps steps per unit, rounded to int16, and weights below -prune
// dropped.
//
// Before training, the words of at least -dict-min occurrences that have
// one tag in at least -dict-ratio of them go into a tag dictionary, which
// tags them without the perceptron; and each word of at least -class-min
// occurrences gets a class, the set of tags it has in at least
// -class-share of them, which its own features and its neighbours' read.
//
// The treebank's sentences are learnt twice where dyad's tokenizer cuts
// them otherwise than UD does (-tokens both): as UD cuts them, and as
// dyad does, with a token that joins several UD words ("al-Qaeda",
// "well-known", "gonna") tagged as the word that heads them.
//
// The run is deterministic: the same treebank and flags give the same
// bytes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"

	"dyad/postag/internal/feat"
	"dyad/tokenize"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("postag/gen: ")
	var o options
	flag.StringVar(&o.train, "train", "", "training split, CoNLL-U")
	flag.StringVar(&o.dev, "dev", "", "development split, CoNLL-U, to choose the number of passes")
	flag.StringVar(&o.out, "out", "model.bin", "model file to write")
	flag.StringVar(&o.tokens, "tokens", "both", "train on sentences as UD cuts them (ud), as dyad's tokenizer does (dyad), or both")
	flag.StringVar(&o.report, "report", "", "CoNLL-U file to measure the model on, once written (the test split); it changes nothing")
	flag.IntVar(&o.maxIter, "max-iter", 20, "passes over the training split at most")
	flag.IntVar(&o.patience, "patience", 3, "stop after this many passes without gain on the development split")
	flag.IntVar(&o.dictMin, "dict-min", 20, "occurrences a word needs to enter the tag dictionary")
	flag.Float64Var(&o.dictRatio, "dict-ratio", 0.995, "share of its occurrences a word's tag needs to enter the tag dictionary")
	flag.Float64Var(&o.prune, "prune", 0.5, "drop averaged weights smaller than this (an update moves a weight by 1)")
	flag.Float64Var(&o.steps, "steps", 8, "steps a weight of 1 is quantised to")
	flag.IntVar(&o.classMin, "class-min", 5, "occurrences a word needs for its class (the tags it is seen with) to be known")
	flag.Float64Var(&o.classShare, "class-share", 0.02, "share of a word's occurrences a tag needs to be in its class")
	flag.IntVar(&o.runs, "runs", 4, "training runs, each with its own order of the sentences, to average")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the shuffles")
	flag.Parse()
	if o.train == "" || o.dev == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./gen -train TRAIN.conllu -dev DEV.conllu [-out model.bin] [flags]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if err := run(&o, os.Stderr); err != nil {
		log.Fatal(err)
	}
}

type options struct {
	train, dev, out, tokens    string
	report                     string
	maxIter, patience, dictMin int
	classMin, runs             int
	classShare                 float64
	dictRatio, prune, steps    float64
	seed                       uint64
}

func run(o *options, logw io.Writer) error {
	train, err := readFile(o.train)
	if err != nil {
		return err
	}
	dev, err := readFile(o.dev)
	if err != nil {
		return err
	}
	var examples []example
	switch o.tokens {
	case "ud", "dyad", "both":
	default:
		return fmt.Errorf("-tokens %q: want ud, dyad or both", o.tokens)
	}
	for _, s := range train {
		ud, dy := s.ud(), s.dyad()
		if o.tokens != "dyad" {
			examples = append(examples, ud)
		}
		if o.tokens == "dyad" || o.tokens == "both" && !slices.Equal(ud.words, dy.words) {
			examples = append(examples, dy)
		}
	}
	devUD, devDyad := make([]example, len(dev)), make([]example, len(dev))
	for i, s := range dev {
		devUD[i], devDyad[i] = s.ud(), s.dyad()
	}
	dict := tagDict(examples, o.dictMin, o.dictRatio)
	classes := wordClasses(examples, o.classMin, o.classShare)
	for _, es := range [][]example{examples, devUD, devDyad} {
		for i := range es {
			es[i].setClasses(classes)
		}
	}
	fmt.Fprintf(logw, "%d training sentences (%d examples, %d tokens), %d in the development split\n",
		len(train), len(examples), tokens(examples), len(dev))

	// The runs differ in the order of the sentences only; their weights
	// are averaged, which steadies the words that one order or another
	// tips.
	runs := make([]*averaged, o.runs)
	logs := make([]strings.Builder, o.runs)
	var wg sync.WaitGroup
	for r := range o.runs {
		wg.Go(func() {
			runs[r] = trainRun(o, examples, dict, devUD, devDyad, o.seed+uint64(r), &logs[r])
		})
	}
	wg.Wait()
	for r := range logs {
		fmt.Fprintf(logw, "run %d:\n%s", r+1, logs[r].String())
	}
	best := mean(runs)
	m, err := quantise(best, dict, o.prune, o.steps)
	if err != nil {
		return err
	}
	m.ClassKeys = slices.Sorted(maps.Keys(classes))
	for _, k := range m.ClassKeys {
		m.ClassSets = append(m.ClassSets, classes[k])
	}
	q := fromModel(m)
	fmt.Fprintf(logw, "the mean of %d runs: %d features, %d weights after pruning, %d dictionary words, %d word classes; development %.4f (UD tokens) %.4f (dyad tokens)\n",
		o.runs, len(m.Keys), len(m.Weights), len(m.DictKeys), len(m.ClassKeys), accuracy(q, dict, devUD), accuracy(q, dict, devDyad))
	b, err := m.MarshalBinary()
	if err != nil {
		return fmt.Errorf("model: %w", err)
	}
	if err := os.WriteFile(o.out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(logw, "wrote %s: %d bytes\n", o.out, len(b))
	if o.report != "" {
		ss, err := readFile(o.report)
		if err != nil {
			return err
		}
		for _, cut := range []string{"UD", "dyad"} {
			es := make([]example, len(ss))
			for i := range ss {
				if cut == "UD" {
					es[i] = ss[i].ud()
				} else {
					es[i] = ss[i].dyad()
				}
				es[i].setClasses(classes)
			}
			all, noun, verb := measure(q, dict, es)
			fmt.Fprintf(logw, "%s, %s tokens: %d tokens, accuracy %.4f; of NOUN %.4f, of VERB %.4f\n", o.report, cut, tokens(es), all, noun, verb)
		}
	}
	return nil
}

// trainRun trains a perceptron on examples, shuffled by seed, and returns
// its averaged weights after the pass that tags the development split
// best.
func trainRun(o *options, examples []example, dict map[string]uint8, devUD, devDyad []example, seed uint64, logw io.Writer) *averaged {
	p := newPerceptron(dict)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	var best *averaged
	bestAcc, bestIter := -1.0, 0
	for it := 1; it <= o.maxIter && it-bestIter <= o.patience; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, all := 0, 0
		for _, i := range order {
			r, n := p.train(&examples[i])
			right += r
			all += n
		}
		avg := p.average()
		accUD, accDyad := accuracy(avg, dict, devUD), accuracy(avg, dict, devDyad)
		acc := accDyad
		if o.tokens == "ud" {
			acc = accUD
		}
		fmt.Fprintf(logw, "  pass %2d: training %.4f, development %.4f (UD tokens) %.4f (dyad tokens), %d features\n",
			it, float64(right)/float64(all), accUD, accDyad, len(avg.w))
		if acc > bestAcc {
			best, bestAcc, bestIter = avg, acc, it
		}
	}
	fmt.Fprintf(logw, "  kept pass %d\n", bestIter)
	return best
}

// mean returns the mean of the weights of runs.
func mean(runs []*averaged) *averaged {
	m := &averaged{w: map[uint64]*[feat.NumTags]float64{}}
	for _, r := range runs {
		for k, v := range r.w {
			s := m.w[k]
			if s == nil {
				s = new([feat.NumTags]float64)
				m.w[k] = s
			}
			for t := range s {
				s[t] += v[t] / float64(len(runs))
			}
		}
	}
	return m
}

// word is one syntactic word of a treebank sentence.
type word struct {
	form       string
	tag        uint8
	head       int // the number of the word it depends on, 0 for the root
	start, end int // byte offsets into the sentence's text
}

// sentence is a treebank sentence: its words, and its text as the
// words' forms, with a space between two unless SpaceAfter=No says
// otherwise, and none inside a multiword token ("don't": "do", "n't").
type sentence struct {
	words []word
	text  string
}

// example is a sentence to learn from or to measure on: its tokens and
// their tags.
type example struct {
	words []string
	tags  []uint8
	infos []feat.Info
}

func newExample(words []string, tags []uint8) example {
	e := example{words: words, tags: tags, infos: make([]feat.Info, len(words))}
	for i, w := range words {
		e.infos[i] = feat.NewInfo(w, i == 0)
	}
	return e
}

func tokens(es []example) int {
	n := 0
	for _, e := range es {
		n += len(e.words)
	}
	return n
}

// ud returns s as UD cuts it.
func (s *sentence) ud() example {
	words := make([]string, len(s.words))
	tags := make([]uint8, len(s.words))
	for i, w := range s.words {
		words[i], tags[i] = w.form, w.tag
	}
	return newExample(words, tags)
}

// dyad returns s as dyad's tokenizer cuts its text. Where one token spans
// several words, it takes the tag of the word that heads them (the last
// one whose head lies outside the span); where the tokenizer cuts a word
// in pieces, or token and word boundaries cross, the words are kept; so
// are all of them should the two never meet again.
func (s *sentence) dyad() example {
	var tk tokenize.Tokenizer
	toks := tk.Tokenize(nil, s.text, 0, len(s.text))
	var words []string
	var tags []uint8
	i, j := 0, 0
	for i < len(s.words) && j < len(toks) {
		wi, tj := i, j
		for s.words[i].end != toks[j].End {
			if s.words[i].end < toks[j].End {
				i++
			} else {
				j++
			}
			if i == len(s.words) || j == len(toks) {
				return s.ud()
			}
		}
		if tj == j {
			words = append(words, toks[j].Text)
			tags = append(tags, s.words[headOf(s.words, wi, i)].tag)
		} else {
			for k := wi; k <= i; k++ {
				words = append(words, s.words[k].form)
				tags = append(tags, s.words[k].tag)
			}
		}
		i++
		j++
	}
	return newExample(words, tags)
}

// headOf returns the index of the word among words[from:to+1] that heads
// them: the last one whose head is not among them.
func headOf(words []word, from, to int) int {
	h := to
	for k := from; k <= to; k++ {
		if hd := words[k].head - 1; hd < from || hd > to {
			h = k
		}
	}
	return h
}

// readFile reads the sentences of a CoNLL-U file.
func readFile(name string) ([]sentence, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ss, err := read(f, name)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, fmt.Errorf("%s: no sentences", name)
	}
	return ss, nil
}

// read reads CoNLL-U: a word a line, ten tab-separated fields, blank lines
// between sentences. Multiword token lines ("3-4") give the spacing after
// their words; empty nodes ("8.1") are skipped.
func read(r io.Reader, name string) ([]sentence, error) {
	var out []sentence
	var cur sentence
	var text strings.Builder
	mwtEnd, mwtSpace := 0, true // the last word of the current multiword token, and the space after it
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	flush := func() {
		if len(cur.words) > 0 {
			cur.text = text.String()
			out = append(out, cur)
		}
		cur = sentence{}
		text.Reset()
		mwtEnd = 0
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" {
			flush()
			continue
		}
		if l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 10", name, line, len(f))
		}
		id := f[0]
		if strings.Contains(id, ".") {
			continue
		}
		space := !strings.Contains(f[9], "SpaceAfter=No")
		if from, to, ok := strings.Cut(id, "-"); ok {
			var a, b int
			if _, err := fmt.Sscanf(from+" "+to, "%d %d", &a, &b); err != nil || b < a {
				return nil, fmt.Errorf("%s:%d: bad range %q", name, line, id)
			}
			mwtEnd, mwtSpace = b, space
			continue
		}
		var n, head int
		if _, err := fmt.Sscanf(id+" "+f[6], "%d %d", &n, &head); err != nil || n != len(cur.words)+1 {
			return nil, fmt.Errorf("%s:%d: bad word number %q or head %q", name, line, id, f[6])
		}
		tag, ok := feat.Parse(f[3])
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown UPOS %q", name, line, f[3])
		}
		w := word{form: f[1], tag: tag, head: head, start: text.Len()}
		text.WriteString(w.form)
		w.end = text.Len()
		switch {
		case n < mwtEnd:
			space = false
		case n == mwtEnd:
			space = mwtSpace
		}
		if space {
			text.WriteByte(' ')
		}
		cur.words = append(cur.words, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	return out, nil
}

// wordClasses returns the classes of the words seen at least min times
// in es, by their keys: the set of tags each is seen with in at least
// share of its occurrences.
func wordClasses(es []example, min int, share float64) map[uint64]uint32 {
	counts := map[uint64]*[feat.NumTags]int{}
	for _, e := range es {
		for i := range e.words {
			k := feat.ClassKey(&e.infos[i])
			c := counts[k]
			if c == nil {
				c = new([feat.NumTags]int)
				counts[k] = c
			}
			c[e.tags[i]]++
		}
	}
	classes := map[uint64]uint32{}
	for k, c := range counts {
		n := 0
		for _, x := range c {
			n += x
		}
		if n < min {
			continue
		}
		var set uint32
		for t, x := range c {
			if float64(x) >= share*float64(n) {
				set |= 1 << t
			}
		}
		classes[k] = set
	}
	return classes
}

// setClasses sets the classes of e's words.
func (e *example) setClasses(classes map[uint64]uint32) {
	for i := range e.infos {
		e.infos[i].SetClass(classes[feat.ClassKey(&e.infos[i])])
	}
}

// tagDict returns the words seen at least min times with one tag in at
// least ratio of them, and that tag.
func tagDict(es []example, min int, ratio float64) map[string]uint8 {
	counts := map[string]*[feat.NumTags]int{}
	for _, e := range es {
		for i, w := range e.words {
			c := counts[w]
			if c == nil {
				c = new([feat.NumTags]int)
				counts[w] = c
			}
			c[e.tags[i]]++
		}
	}
	dict := map[string]uint8{}
	for w, c := range counts {
		n, top := 0, 0
		for t := range c {
			n += c[t]
			if c[t] > c[top] {
				top = t
			}
		}
		if n >= min && float64(c[top]) >= ratio*float64(n) {
			dict[w] = uint8(top)
		}
	}
	return dict
}

// row is the weights of one feature while training: the current weight
// per tag, the sum of its values over the steps so far, up to step
// stamp.
type row struct {
	w     [feat.NumTags]int32
	total [feat.NumTags]int64
	stamp [feat.NumTags]int32
}

type perceptron struct {
	rows map[uint64]*row
	dict map[string]uint8
	step int32 // the number of guesses made
}

func newPerceptron(dict map[string]uint8) *perceptron {
	return &perceptron{rows: map[uint64]*row{}, dict: dict}
}

// train tags e with the current weights and corrects them where a guess
// is wrong. It returns the number of words tagged right and of all.
func (p *perceptron) train(e *example) (right, all int) {
	var f [feat.Count]uint64
	var w feat.Window
	prev, prev2 := uint8(feat.NumTags), uint8(feat.NumTags)
	for i := range e.words {
		window(&w, e.infos, i)
		guess, ok := p.dict[e.words[i]]
		if !ok {
			feat.Features(&f, &w, prev, prev2)
			guess = p.guess(&f)
			p.step++
			if truth := e.tags[i]; guess != truth {
				for _, k := range f {
					r := p.rows[k]
					if r == nil {
						r = new(row)
						p.rows[k] = r
					}
					p.move(r, truth, 1)
					p.move(r, guess, -1)
				}
			}
		}
		if guess == e.tags[i] {
			right++
		}
		all++
		prev2, prev = prev, guess
	}
	return right, all
}

func (p *perceptron) move(r *row, t uint8, d int32) {
	r.total[t] += int64(p.step-r.stamp[t]) * int64(r.w[t])
	r.stamp[t] = p.step
	r.w[t] += d
}

func (p *perceptron) guess(f *[feat.Count]uint64) uint8 {
	var score [feat.NumTags]int32
	for _, k := range f {
		if r := p.rows[k]; r != nil {
			for t := range score {
				score[t] += r.w[t]
			}
		}
	}
	best := 0
	for t := range score {
		if score[t] > score[best] {
			best = t
		}
	}
	return uint8(best)
}

// averaged is a model to tag with: weights per feature key.
type averaged struct {
	w map[uint64]*[feat.NumTags]float64
}

// average returns the averages of the weights over the steps so far.
func (p *perceptron) average() *averaged {
	a := &averaged{w: make(map[uint64]*[feat.NumTags]float64, len(p.rows))}
	for k, r := range p.rows {
		var v [feat.NumTags]float64
		nonzero := false
		for t := range v {
			total := r.total[t] + int64(p.step-r.stamp[t])*int64(r.w[t])
			v[t] = float64(total) / float64(p.step)
			nonzero = nonzero || total != 0
		}
		if nonzero {
			a.w[k] = &v
		}
	}
	return a
}

// tag tags e greedily as package postag does.
func (a *averaged) tag(e *example, dict map[string]uint8, dst []uint8) []uint8 {
	var f [feat.Count]uint64
	var w feat.Window
	prev, prev2 := uint8(feat.NumTags), uint8(feat.NumTags)
	for i := range e.words {
		window(&w, e.infos, i)
		guess, ok := dict[e.words[i]]
		if !ok {
			feat.Features(&f, &w, prev, prev2)
			var score [feat.NumTags]float64
			for _, k := range f {
				if v := a.w[k]; v != nil {
					for t := range score {
						score[t] += v[t]
					}
				}
			}
			best := 0
			for t := range score {
				if score[t] > score[best] {
					best = t
				}
			}
			guess = uint8(best)
		}
		dst = append(dst, guess)
		prev2, prev = prev, guess
	}
	return dst
}

// window sets w to the words around infos[i].
func window(w *feat.Window, infos []feat.Info, i int) {
	for j := range w {
		w[j] = feat.Boundary()
		if k := i + j - 2; k >= 0 && k < len(infos) {
			w[j] = infos[k]
		}
	}
}

// accuracy returns the share of the words of es that a tags right.
func accuracy(a *averaged, dict map[string]uint8, es []example) float64 {
	all, _, _ := measure(a, dict, es)
	return all
}

// measure returns the share of the words of es that a tags right, of all
// words, of those whose tag is NOUN and of those whose tag is VERB.
func measure(a *averaged, dict map[string]uint8, es []example) (all, noun, verb float64) {
	nounTag, _ := feat.Parse("NOUN")
	verbTag, _ := feat.Parse("VERB")
	var right, n [feat.NumTags]int
	var got []uint8
	for i := range es {
		got = a.tag(&es[i], dict, got[:0])
		for j, t := range got {
			want := es[i].tags[j]
			n[want]++
			if t == want {
				right[want]++
			}
		}
	}
	r, m := 0, 0
	for t := range n {
		r += right[t]
		m += n[t]
	}
	return float64(r) / float64(m), float64(right[nounTag]) / float64(n[nounTag]), float64(right[verbTag]) / float64(n[verbTag])
}

// quantise returns the model file of a and dict: weights rounded to
// multiples of 1/steps, those smaller than prune dropped. It fails if the
// largest weight does not fit in an int16 so.
func quantise(a *averaged, dict map[string]uint8, prune, steps float64) (*feat.Model, error) {
	top := 0.0
	for _, v := range a.w {
		for _, x := range v {
			top = max(top, math.Abs(x))
		}
	}
	if top*steps > 32767 {
		return nil, fmt.Errorf("a weight of %.1f does not fit in an int16 at %g steps per unit: lower -steps", top, steps)
	}
	scale := steps
	var m feat.Model
	keys := make([]uint64, 0, len(a.w))
	for k := range a.w {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var set uint32
		for t, x := range a.w[k] {
			if q := math.Round(x * scale); math.Abs(x) >= prune && q != 0 {
				set |= 1 << t
				m.Weights = append(m.Weights, int16(q))
			}
		}
		if set != 0 {
			m.Keys = append(m.Keys, k)
			m.Tags = append(m.Tags, set)
		}
	}
	type entry struct {
		key uint64
		tag uint8
	}
	var es []entry
	for w, t := range dict {
		in := feat.NewInfo(w, false)
		es = append(es, entry{feat.DictKey(&in), t})
	}
	slices.SortFunc(es, func(a, b entry) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return int(a.tag) - int(b.tag)
	})
	for i, e := range es {
		if i > 0 && e.key == es[i-1].key {
			continue // two words of one key: vanishingly rare, the first tag is kept
		}
		m.DictKeys = append(m.DictKeys, e.key)
		m.DictTags = append(m.DictTags, e.tag)
	}
	return &m, nil
}

// fromModel returns the weights of the model file m, to measure it.
func fromModel(m *feat.Model) *averaged {
	a := &averaged{w: make(map[uint64]*[feat.NumTags]float64, len(m.Keys))}
	w := 0
	for i, k := range m.Keys {
		v := new([feat.NumTags]float64)
		for t := range v {
			if m.Tags[i]&(1<<t) != 0 {
				v[t] = float64(m.Weights[w])
				w++
			}
		}
		a.w[k] = v
	}
	return a
}
