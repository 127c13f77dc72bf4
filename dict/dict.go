package dict

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/plover"
)

//go:embed data
var embedded embed.FS

// Files lists the dictionary files, in the order they are loaded.
var Files = []string{"countries.txt", "regions.txt", "organizations.txt", "people.txt", "agents.txt", "classes.txt", "events.txt", "contexts.txt", "guards.txt", "grammar.txt"}

// optional are the files a dictionary directory may leave out.
var optional = map[string]bool{"guards.txt": true, "classes.txt": true, "grammar.txt": true}

// Pos is a place in a dictionary file.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return p.File + ":" + strconv.Itoa(p.Line) }

// Institution is a named body of a state ("Pentagon = MIL GOV").
type Institution struct {
	Name    string
	Sectors []string
	Pos     Pos
}

// Country is one record of countries.txt.
type Country struct {
	Code, Name   string
	Names        []string
	Adjectives   []string
	Demonyms     []string
	Capitals     []string
	Institutions []Institution
	Former       []string
	Territories  []string
	Regions      []string
	Traits       []string
	Pos          Pos
}

// Region is one line of regions.txt.
type Region struct {
	Name       string
	Adjectives []string
	Pos        Pos
}

// Entity is one line of organizations.txt or people.txt: an organisation,
// or one term of office of a person.
type Entity struct {
	Names   []string
	Code    string
	Sectors []string
	Office  string
	// From and To bound the term; zero values are open ends. Dated is set
	// when either is given.
	From, To time.Time
	Dated    bool
	Person   bool
	Pos      Pos
}

// Agent is one line of agents.txt.
type Agent struct {
	Phrases []string
	Sectors []string
	// Abroad is set ("abroad" after the sectors) for a role whose holder
	// serves in another country than their own: an ambassador, an
	// embassy. The place where such a one acts is not their country.
	Abroad bool
	Pos    Pos
}

// Trigger is one line of events.txt.
type Trigger struct {
	Category plover.Category
	Mode     string
	Contexts []string
	// Kind is 'V' (verb), 'N' (noun), 'M' (modal of obligation) or 'H'
	// (hosting verb: the subject is the recipient).
	Kind    byte
	Pattern []Item
	Source  string
	Cameo   string
	// Reciprocal is set ("~") for a trigger whose recipient is a party
	// to a two-sided act, not its target: "exchanged fire with",
	// "clashed with". Both sides are coded as actors.
	Reciprocal bool
	// Arrival is set ("^") for a trigger that tells someone's arrival,
	// whose event depends on who arrives: a state's forces arriving in
	// another state come as its military aid, officials come on a visit,
	// anyone else's arrival is no event (package rewrite).
	Arrival bool
	// Implied is the sector of the actor the trigger entails when the
	// text names none ("=COP": "activists were arrested" were arrested by
	// police), or "".
	Implied string
	Pos     Pos
}

// ContextCue is one line of contexts.txt.
type ContextCue struct {
	Context string
	Cues    []string
	Pos     Pos
}

// Dictionaries is everything the coder knows about the world. It is
// read-only once loaded.
type Dictionaries struct {
	Countries []Country
	Regions   []Region
	Entities  []Entity
	Agents    []Agent
	Triggers  []Trigger
	Contexts  []ContextCue
	Guards    []Guard
	// Classes are the word classes of classes.txt, which trigger
	// patterns name as @class.
	Classes []Class
	// Grammar are the word lists of grammar.txt, which the grammar of
	// the events and coder stages reads.
	Grammar []Guard

	triggerIdx index
	entityIdx  map[entityKey]int
}

// entityKey tells entries of organizations.txt and people.txt apart: an
// overlay entry with the key of a base entry replaces it.
type entityKey struct {
	name   string // the canonical name
	from   time.Time
	office string
	code   string
}

// Class is one line of classes.txt: a named set of words that a trigger
// pattern names as one alternative ("deliver * @goods to $R").
type Class struct {
	Name  string
	Words []string
	Pos   Pos
}

// Guard is one line of guards.txt: words that show a sentence reports
// something other than political events.
type Guard struct {
	Name  string
	Words []string
	Pos   Pos
}

// GuardNames are the guards the coder knows.
var GuardNames = []string{"sport", "disaster", "crime", "business", "politics"}

// GrammarNames are the word lists of grammar.txt the stages read, each
// with what it is for.
var GrammarNames = map[string]string{
	"place-preposition":      "a mention after one of these says where, not whom: \"in Kano\", \"at the embassy\"",
	"background-preposition": "a noun trigger after one of these refers back to an earlier event: \"since the coup\"",
	"intent-verb":            "before \"to\", these make what follows a plan, not a fact: \"vowed to retaliate\"",
	"refuse-verb":            "before \"to\", these deny what follows: \"refused to withdraw\"",
	"purpose-noun":           "before \"to\", these make what follows an aim: \"efforts to end the war\"",
	"quantity":               "these head phrases whose \"of\" object is the real noun: \"thousands of protesters\"",
	"slot-quantity":          "words of a number that may stand before a slot's mention: \"more than 200\"",
	"amount":                 "words of an amount besides its numbers: \"$10 million in food aid\"",
	"protest-noun":           "people an act of the police is against who are protesting: \"fired tear gas at protesters\"",
	"place-head":             "nouns after which \"of\" names a place: \"the town of Goma\", \"the streets of Conakry\"",
	"place-word":             "words after which a capitalised name is read as a place: \"in\", \"near\", \"outside\"",
	"apology-word":           "words of apology or amends, after which \"for\" names a past act as their topic: \"asked forgiveness for killings\"",
	"meeting-noun":           "nouns of a meeting of a body, whose acts the body does: \"the summit of ECOWAS ended with the suspension of\"",
	"reach-verb":             "verbs of reaching a place, after which a capitalised name is where the act ends: \"aid trucks entered Gaza\"",
	"air-word":               "words of what happens in the air, after which \"over\" names where: \"shot down over Belgorod\"",
	"struck-verb":            "verbs of striking a place, after which a capitalised name is the place struck: \"shelled Kharkiv\"",
	"direction":              "direction words that may stand before a place name: \"in northern Mali\"",
	"description-noun":       "nouns a description of a country ends with: \"the West African nation\"",
	"allege-verb":            "verbs whose complement is an accusation, not a fact: \"claims its members were beaten\"",
	"cancel-verb":            "verbs that call off the event a noun after them names: \"postponed the meeting\"",
	"prevent-verb":           "verbs that keep what follows \"from\" from happening: \"barred protesters from marching\"",
	"organisation-noun":      "nouns that, after \"the\", refer back to the organisation named last: \"the regional bloc\"",
	"compound-head":          "nouns after which a one-word trigger is a modifier, not an event: \"riot gear\", \"attack helicopters\", \"protest group\"",
	"adjective-phrase":       "two-word phrases whose first word is an adjective, not a verb trigger: \"close to the border\"",
	"gathering-noun":         "nouns of a gathering whose \"by\" names the people gathered, whom an act against it is against: \"dispersed a sit-in by teachers\"",
	"voicing-noun":           "nouns of an occasion held to say something, after which an infinitive is said: \"held a press conference to denounce\"",
	"road-head":              "nouns of a road, after which \"to\" or \"between\" names where it happened: \"on the road to Goma\"",
	"series-noun":            "nouns heading a run of events, means or goods named after \"of\", which the verb before governs: \"a wave of strikes\", \"a package of military aid\"",
	"report-verb":            "verbs of reporting whose object noun is an event that happened: \"reported the detention of dozens\"",
	"coverage-noun":          "nouns of a story in the media, after which an event named \"of\" or \"on\" is what the story was about: \"its coverage of the 2020 riots\"",
	"depart-verb":            "verbs of leaving a place, which one named person does without retreating: \"Gonzalez left Venezuela\"",
	"notify-verb":            "verbs of telling someone of a decision, whose object is the decided act's recipient: \"notified Venezuela of its decision to suspend relations\"",
	"comment-verb":           "verbs of speaking after which \"declined to\" refuses nothing political: \"declined to comment\"",
	"causative-verb":         "verbs whose object does the bare verb after it: \"to allow besieged rebels pull out\"",
	"people-participle":      "participles that describe people, an adjective after \"by\" (\"by fleeing civilians\"), where any other -ing word is a gerund with its object",
	"gathering-verb":         "verbs of gathering, a protest only when those gathering are named by a protest-noun: \"demonstrators assembled in Yangon\"",
	"document-noun":          "nouns of a text issued by someone, after which a participle is the issuer's act: \"passed a motion deploring\"",
	"casualty-verb":          "verbs of death and injury whose subject, \"in\" a clash with someone, is one of its sides: \"killed in an encounter with police\"",
	"violence-noun":          "nouns of armed violence: an act of violence with no actor and none of these before it is no attack (\"extreme heat killed 500 pilgrims\")",
}

// Words returns the words of the grammar list called name, or nil.
func (d *Dictionaries) Words(name string) []string {
	for _, g := range d.Grammar {
		if g.Name == name {
			return g.Words
		}
	}
	return nil
}

// Guard returns the words of the guard called name, or nil.
func (d *Dictionaries) Guard(name string) []string {
	for _, g := range d.Guards {
		if g.Name == name {
			return g.Words
		}
	}
	return nil
}

// Default loads the embedded dictionaries.
func Default() (*Dictionaries, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// Embedded returns the embedded dictionary files as an fs.FS.
func Embedded() fs.FS {
	sub, _ := fs.Sub(embedded, "data")
	return sub
}

// ErrorList is every problem found while loading, in file order.
type ErrorList []string

func (l ErrorList) Error() string { return strings.Join(l, "\n") }

// Load reads the dictionary files from each fsys in turn: the first is the
// base, and entries in later ones are added to it, replacing base entries
// with the same key (a country code, an entity's canonical name and start
// date, an agent's first phrase, a trigger's category and pattern). A file
// missing from a later fsys is skipped; a file missing from the first is an
// error. Every problem is reported, as "dict: FILE:LINE: message".
func Load(fsyss ...fs.FS) (*Dictionaries, error) {
	if len(fsyss) == 0 {
		return nil, errors.New("dict: no dictionary directory given")
	}
	d := &Dictionaries{}
	var errs ErrorList
	cameos := map[string]bool{}
	for i, fsys := range fsyss {
		for _, name := range Files {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				if (i > 0 || optional[name]) && errors.Is(err, fs.ErrNotExist) {
					continue
				}
				errs = append(errs, fmt.Sprintf("dict: %s: %v", name, err))
				continue
			}
			p := parser{file: name, d: d, overlay: i > 0, cameos: cameos}
			p.parse(string(data))
			errs = append(errs, p.errs...)
		}
	}
	errs = append(errs, d.expandClasses()...)
	errs = append(errs, d.check()...)
	if len(errs) > 0 {
		return d, errs
	}
	return d, nil
}

// grammar reads one line of grammar.txt: "name | word; word; ...".
func (p *parser) grammar(line string) {
	name, words, ok := p.namedList(strings.ToLower(line), "name | word; word")
	if !ok {
		return
	}
	if _, known := GrammarNames[name]; !known {
		names := make([]string, 0, len(GrammarNames))
		for n := range GrammarNames {
			names = append(names, n)
		}
		slices.Sort(names)
		p.errorf("unknown word list %q (known: %s)", name, strings.Join(names, ", "))
		return
	}
	if len(words) == 0 {
		p.errorf("word list %q has no words", name)
		return
	}
	gs := &p.d.Grammar
	p.addNamed("word list", name, len(*gs), func(i int) (string, Pos) { return (*gs)[i].Name, (*gs)[i].Pos },
		func(i int) { (*gs)[i].Words, (*gs)[i].Pos = words, p.pos() },
		func() { *gs = append(*gs, Guard{Name: name, Words: words, Pos: p.pos()}) })
}

// class reads one line of classes.txt: "@name | word; word; ...".
func (p *parser) class(line string) {
	name, words, ok := p.namedList(line, "@class | word; word")
	if !ok {
		return
	}
	if !strings.HasPrefix(name, "@") || len(name) < 2 || strings.ContainsAny(name[1:], " |@$*?") {
		p.errorf("class name %q: want @ and a word, like @goods", name)
		return
	}
	for _, w := range words {
		if strings.ContainsAny(w, " |@$*?") {
			p.errorf("class %s: %q is not one word (a class holds single words, compared by lemma)", name, w)
			return
		}
	}
	if len(words) == 0 {
		p.errorf("class %s has no words", name)
		return
	}
	cs := &p.d.Classes
	p.addNamed("class", name, len(*cs), func(i int) (string, Pos) { return (*cs)[i].Name, (*cs)[i].Pos },
		func(i int) { (*cs)[i].Words, (*cs)[i].Pos = words, p.pos() },
		func() { *cs = append(*cs, Class{Name: name, Words: words, Pos: p.pos()}) })
}

// expandClasses replaces each @class alternative of the trigger patterns
// by the class's words, once every file, overlays included, is read.
func (d *Dictionaries) expandClasses() []string {
	var errs []string
	byName := map[string][]string{}
	for _, c := range d.Classes {
		byName[c.Name] = c.Words
	}
	for i := range d.Triggers {
		t := &d.Triggers[i]
		for k := range t.Pattern {
			it := &t.Pattern[k]
			if !slices.ContainsFunc(it.Words, func(w string) bool { return strings.HasPrefix(w, "@") }) {
				continue
			}
			var words []string
			for _, w := range it.Words {
				if !strings.HasPrefix(w, "@") {
					words = append(words, w)
					continue
				}
				cw, ok := byName[w]
				if !ok {
					errs = append(errs, fmt.Sprintf("dict: %s: unknown class %s (classes.txt)", t.Pos, w))
					continue
				}
				words = append(words, cw...)
			}
			it.Words = words
		}
		// The trie gives each alternative of each item a branch of its
		// own: a pattern's branches are the product of its items'
		// alternatives, and large classes multiplied blow it up.
		if n := branches(t.Pattern); n > maxBranches {
			errs = append(errs, fmt.Sprintf("dict: %s: pattern %q has %d branches (alternatives multiplied, optional items doubled); at most %d: use a smaller class or split the line", t.Pos, t.Source, n, maxBranches))
		}
	}
	return errs
}

// maxBranches is the most branches a trigger pattern may expand to.
const maxBranches = 5000

// branches returns the number of paths a pattern adds to the trie.
func branches(items []Item) int {
	n := 1
	for _, it := range items {
		k := max(1, len(it.Words))
		if it.Optional {
			k++
		}
		n *= k
		if n > 1<<30 {
			break
		}
	}
	return n
}

type parser struct {
	file    string
	d       *Dictionaries
	overlay bool
	errs    []string
	line    int
	// seen holds where this file defined each key (see again).
	seen map[string]Pos
	// cameos holds whether each CAMEO code a trigger has named is one:
	// plover looks a code up by reading its whole table, and many
	// triggers share a code.
	cameos map[string]bool
}

// isCameo reports whether code is a CAMEO code.
func (p *parser) isCameo(code string) bool {
	ok, seen := p.cameos[code]
	if !seen {
		_, ok = plover.Cameo(code)
		p.cameos[code] = ok
	}
	return ok
}

// index finds entries by key for duplicate checks and overlays; it is
// rebuilt for each file parsed.
type index map[string]int

func (p *parser) errorf(format string, args ...any) {
	p.errs = append(p.errs, fmt.Sprintf("dict: %s:%d: %s", p.file, p.line, fmt.Sprintf(format, args...)))
}

func (p *parser) pos() Pos { return Pos{p.file, p.line} }

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}

// maxLine is the longest dictionary line read, in bytes: the longest
// shipped line is a few kilobytes, and a longer one is a mistake (a file
// that is not a dictionary, or lines run together).
const maxLine = 16 << 10

func (p *parser) parse(data string) {
	var cur *Country
	for rest := data; rest != ""; {
		var raw string
		raw, rest, _ = strings.Cut(rest, "\n")
		p.line++
		raw = strings.TrimSuffix(raw, "\r")
		if len(raw) > maxLine {
			p.errorf("line is %d bytes long; at most %d (split it into several lines)", len(raw), maxLine)
			continue
		}
		if !utf8.ValidString(raw) {
			p.errorf("invalid UTF-8 at byte %d of the line; save the file as UTF-8", invalidAt(raw))
			continue
		}
		line := strings.TrimRight(stripComment(raw), " \t")
		if strings.TrimSpace(line) == "" {
			continue
		}
		switch p.file {
		case "countries.txt":
			if line[0] != ' ' && line[0] != '\t' {
				cur = p.countryHead(line)
			} else if cur == nil {
				p.errorf("indented line before any \"CODE: Name\" record")
			} else {
				p.countryKey(cur, strings.TrimSpace(line))
			}
		case "regions.txt":
			p.region(line)
		case "organizations.txt", "people.txt":
			p.entity(line, p.file == "people.txt")
		case "agents.txt":
			p.agent(line)
		case "events.txt":
			p.trigger(line)
		case "contexts.txt":
			p.contextCue(line)
		case "guards.txt":
			p.guard(line)
		case "classes.txt":
			p.class(line)
		case "grammar.txt":
			p.grammar(line)
		}
	}
}

// invalidAt returns the byte offset of the first invalid UTF-8 sequence
// in s, counted from 1.
func invalidAt(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i + 1
			}
		}
	}
	return len(s) + 1
}

// again records that the current line defines the entry what/key and
// reports, as a duplicate naming both lines, whether an earlier line of
// the same file defined it too. An overlay replaces the entries of the
// files below it, but within one file each key has one line.
func (p *parser) again(what, key, display string) bool {
	k := what + "\x00" + key
	if first, ok := p.seen[k]; ok {
		p.errorf("duplicate %s %q (first at %s)", what, display, first)
		return true
	}
	if p.seen == nil {
		p.seen = map[string]Pos{}
	}
	p.seen[k] = p.pos()
	return false
}

func splitList(s string) []string {
	out := make([]string, 0, strings.Count(s, ";")+1)
	for s != "" {
		var x string
		x, s, _ = strings.Cut(s, ";")
		if x = oneSpace(x); x != "" {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// oneSpace returns s with white space trimmed and each run of it made one
// space, as strings.Join(strings.Fields(s), " ") does; most dictionary
// text needs no change, and is returned as it is.
func oneSpace(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c <= ' ' && (c != ' ' || s[i+1] == ' ') {
			// Not ASCII, or white space other than one space
			// between words (s does not end in space).
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func (p *parser) sectors(s string) []string {
	f := strings.Fields(s)
	for _, x := range f {
		if !plover.IsSector(x) {
			p.errorf("unknown sector %q (see the PLOVER manual's sector codes)", x)
		}
	}
	return f
}

func (p *parser) countryHead(line string) *Country {
	code, name, ok := strings.Cut(line, ":")
	code = strings.TrimSpace(code)
	if !ok || !isCode(code) || strings.TrimSpace(name) == "" {
		p.errorf("want \"CODE: Canonical Name\" with a three-letter upper-case code, got %q", line)
		return nil
	}
	c := Country{Code: code, Name: strings.TrimSpace(name), Pos: p.pos()}
	if p.overlay && p.again("country", code, code) {
		return &c // checked, then dropped
	}
	for i := range p.d.Countries {
		if p.d.Countries[i].Code == code {
			if !p.overlay {
				p.errorf("duplicate country %s (first at %s)", code, p.d.Countries[i].Pos)
				return &c // checked, then dropped
			}
			p.d.Countries[i] = c
			return &p.d.Countries[i]
		}
	}
	p.d.Countries = append(p.d.Countries, c)
	return &p.d.Countries[len(p.d.Countries)-1]
}

func (p *parser) countryKey(c *Country, line string) {
	key, val, ok := strings.Cut(line, ":")
	if !ok {
		p.errorf("want \"key: value; value\", got %q", line)
		return
	}
	vals := splitList(val)
	switch strings.TrimSpace(key) {
	case "names":
		c.Names = append(c.Names, vals...)
	case "adjectives":
		c.Adjectives = append(c.Adjectives, vals...)
	case "demonyms":
		c.Demonyms = append(c.Demonyms, vals...)
	case "capitals":
		c.Capitals = append(c.Capitals, vals...)
	case "former":
		c.Former = append(c.Former, vals...)
	case "territories":
		c.Territories = append(c.Territories, vals...)
	case "regions":
		c.Regions = append(c.Regions, vals...)
	case "traits":
		c.Traits = append(c.Traits, vals...)
	case "institutions":
		for _, v := range vals {
			name, secs, ok := strings.Cut(v, "=")
			if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(secs) == "" {
				p.errorf("institution %q: want \"Name = SECTOR [SECTOR...]\"", v)
				continue
			}
			c.Institutions = append(c.Institutions, Institution{Name: strings.TrimSpace(name), Sectors: p.sectors(secs), Pos: p.pos()})
		}
	default:
		p.errorf("unknown key %q (want names, adjectives, demonyms, capitals, institutions, former, territories, regions or traits)", strings.TrimSpace(key))
	}
}

func (p *parser) region(line string) {
	name, adjs, ok := strings.Cut(line, "|")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		p.errorf("want \"Region Name | adjective; adjective\", got %q", strings.TrimSpace(line))
		return
	}
	if p.overlay && p.again("region", name, name) {
		return
	}
	for _, r := range p.d.Regions {
		if r.Name == name && !p.overlay {
			p.errorf("duplicate region %q (first at %s)", name, r.Pos)
			return
		}
	}
	p.d.Regions = append(p.d.Regions, Region{Name: name, Adjectives: splitList(adjs), Pos: p.pos()})
}

func (p *parser) date(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		p.errorf("bad date %q: want YYYY-MM-DD", s)
		return time.Time{}, false
	}
	return t, true
}

func (p *parser) entity(line string, person bool) {
	f := strings.Split(line, "|")
	if len(f) != 3 && len(f) != 6 && len(f) != 4 {
		p.errorf("want \"names | CODE | SECTORS\" or \"names | CODE | SECTORS | office | from | to\", got %d fields", len(f))
		return
	}
	e := Entity{Names: splitList(f[0]), Code: strings.TrimSpace(f[1]), Person: person, Pos: p.pos()}
	if len(e.Names) == 0 {
		p.errorf("no name")
		return
	}
	if !isCode(e.Code) {
		p.errorf("bad code %q: want a three-letter upper-case country or PLOVER code", e.Code)
		return
	}
	e.Sectors = p.sectors(f[2])
	if len(f) >= 4 {
		e.Office = strings.TrimSpace(f[3])
	}
	if len(f) == 6 {
		var ok1, ok2 bool
		e.From, ok1 = p.date(f[4])
		e.To, ok2 = p.date(f[5])
		if !ok1 || !ok2 {
			return
		}
		e.Dated = !e.From.IsZero() || !e.To.IsZero()
		if !e.From.IsZero() && !e.To.IsZero() && e.To.Before(e.From) {
			p.errorf("term ends (%s) before it starts (%s)", e.To.Format("2006-01-02"), e.From.Format("2006-01-02"))
		}
	}
	key := entityKey{e.Names[0], e.From, e.Office, e.Code}
	if p.overlay && p.again("entry", fmt.Sprint(key), e.Names[0]) {
		return
	}
	if p.d.entityIdx == nil {
		p.d.entityIdx = map[entityKey]int{}
		for i, o := range p.d.Entities {
			p.d.entityIdx[entityKey{o.Names[0], o.From, o.Office, o.Code}] = i
		}
	}
	if i, ok := p.d.entityIdx[key]; ok {
		if p.overlay {
			p.d.Entities[i] = e
			return
		}
		p.errorf("duplicate entry for %q (first at %s)", e.Names[0], p.d.Entities[i].Pos)
		return
	}
	p.d.entityIdx[key] = len(p.d.Entities)
	p.d.Entities = append(p.d.Entities, e)
}

func (p *parser) agent(line string) {
	i := strings.LastIndexByte(line, '|')
	ok := i >= 0
	var phr, secs string
	if ok {
		phr, secs = line[:i], line[i+1:]
	}
	if !ok {
		p.errorf("want \"phrase; phrase | SECTOR [SECTOR...]\", got %q", strings.TrimSpace(line))
		return
	}
	abroad := false
	if f := strings.Fields(secs); len(f) > 0 && f[len(f)-1] == "abroad" {
		abroad = true
		secs = strings.Join(f[:len(f)-1], " ")
	}
	a := Agent{Phrases: splitList(phr), Sectors: p.sectors(secs), Abroad: abroad, Pos: p.pos()}
	if len(a.Phrases) == 0 || len(a.Sectors) == 0 {
		p.errorf("an agent needs at least one phrase and one sector")
		return
	}
	for _, ph := range a.Phrases {
		items, err := ParsePattern(ph)
		if err != nil {
			p.errorf("phrase %q: %v", ph, err)
			continue
		}
		for _, it := range items {
			if it.Slot != 0 || it.Gap {
				p.errorf("phrase %q: agents take no slots or gaps", ph)
				break
			}
		}
	}
	if p.overlay && p.again("agent", a.Phrases[0], a.Phrases[0]) {
		return
	}
	for i, o := range p.d.Agents {
		if o.Phrases[0] == a.Phrases[0] {
			if p.overlay {
				p.d.Agents[i] = a
				return
			}
			p.errorf("duplicate agent %q (first at %s)", a.Phrases[0], o.Pos)
			return
		}
	}
	p.d.Agents = append(p.d.Agents, a)
}

// fields splits a line at " | ": a '|' with space on both sides separates
// fields, while a '|' between words is an alternative inside a pattern.
func fields(line string) []string {
	f := strings.Split(line, " | ")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

func (p *parser) trigger(line string) {
	f := fields(line)
	if len(f) < 3 || len(f) > 4 {
		p.errorf("want \"CATEGORY [mode] [+context...] [=SECTOR] [~] [^] | V|N | pattern [| cameo]\", got %d fields", len(f))
		return
	}
	t := Trigger{Pos: p.pos()}
	head := strings.Fields(f[0])
	if len(head) == 0 {
		p.errorf("no category")
		return
	}
	t.Category = plover.Category(head[0])
	if !plover.IsCategory(head[0]) {
		p.errorf("unknown category %q", t.Category)
		return
	}
	for _, h := range head[1:] {
		if h == "~" {
			t.Reciprocal = true
			continue
		}
		if h == "^" {
			t.Arrival = true
			continue
		}
		if sec, ok := strings.CutPrefix(h, "="); ok {
			if !plover.IsSector(sec) {
				p.errorf("implied actor %q is not a PLOVER sector", sec)
			}
			if t.Implied != "" {
				p.errorf("two implied actors (%q and %q)", t.Implied, sec)
			}
			t.Implied = sec
			continue
		}
		if strings.HasPrefix(h, "+") {
			if !plover.IsContext(h[1:]) {
				p.errorf("unknown context %q", h[1:])
			}
			t.Contexts = append(t.Contexts, h[1:])
			continue
		}
		if t.Mode != "" {
			p.errorf("two modes (%q and %q)", t.Mode, h)
			continue
		}
		if !plover.IsMode(head[0], h) {
			p.errorf("%q is not a mode of %s (modes: %s)", h, t.Category, strings.Join(plover.Modes(head[0]), ", "))
		}
		t.Mode = h
	}
	kind := strings.TrimSpace(f[1])
	if kind != "V" && kind != "N" && kind != "M" && kind != "H" {
		p.errorf("kind %q: want V, N, M or H", kind)
		return
	}
	t.Kind = kind[0]
	t.Source = oneSpace(f[2])
	items, err := ParsePattern(t.Source)
	if err != nil {
		p.errorf("pattern %q: %v", t.Source, err)
		return
	}
	t.Pattern = items
	if len(f) == 4 {
		t.Cameo = strings.TrimSpace(f[3])
		if t.Cameo != "" {
			if !p.isCameo(t.Cameo) {
				p.errorf("unknown CAMEO code %q", t.Cameo)
			}
		}
	}
	key := string(t.Category) + "|" + string(t.Kind) + "|" + t.Source
	if p.overlay && p.again("trigger", key, t.Source) {
		return
	}
	if p.d.triggerIdx == nil {
		p.d.triggerIdx = index{}
		for i, o := range p.d.Triggers {
			p.d.triggerIdx[string(o.Category)+"|"+string(o.Kind)+"|"+o.Source] = i
		}
	}
	if i, ok := p.d.triggerIdx[key]; ok {
		if p.overlay {
			p.d.Triggers[i] = t
			return
		}
		p.errorf("duplicate trigger %q (first at %s)", t.Source, p.d.Triggers[i].Pos)
		return
	}
	p.d.triggerIdx[key] = len(p.d.Triggers)
	p.d.Triggers = append(p.d.Triggers, t)
}

// check validates references between files: regions named by countries,
// entity codes, and overlapping terms of one person in one office.
func (d *Dictionaries) check() []string {
	var errs []string
	regions := map[string]bool{}
	for _, r := range d.Regions {
		regions[r.Name] = true
	}
	codes := map[string]bool{}
	for _, c := range d.Countries {
		codes[c.Code] = true
		for _, r := range c.Regions {
			if len(d.Regions) > 0 && !regions[r] {
				errs = append(errs, fmt.Sprintf("dict: %s: country %s: region %q is not in regions.txt", c.Pos, c.Code, r))
			}
		}
	}
	// The terms of each person in each office, as indexes of d.Entities.
	type key struct{ name, office string }
	terms := map[key][]int{}
	for i, e := range d.Entities {
		if len(d.Countries) > 0 && !codes[e.Code] && !plover.IsNonState(e.Code) {
			errs = append(errs, fmt.Sprintf("dict: %s: unknown code %q: not in countries.txt nor a PLOVER non-state code", e.Pos, e.Code))
		}
		if e.Dated {
			k := key{e.Names[0], e.Office}
			terms[k] = append(terms[k], i)
		}
	}
	// Problems are reported in the order of name and office written
	// together, each joined once rather than at every comparison.
	type group struct {
		joined string
		key
	}
	groups := make([]group, 0, len(terms))
	for k, ts := range terms {
		if len(ts) > 1 {
			groups = append(groups, group{k.name + k.office, k})
		}
	}
	slices.SortFunc(groups, func(a, b group) int { return strings.Compare(a.joined, b.joined) })
	for _, g := range groups {
		ts := terms[g.key]
		for i := 0; i < len(ts); i++ {
			for j := i + 1; j < len(ts); j++ {
				a, b := &d.Entities[ts[i]], &d.Entities[ts[j]]
				if overlap(a, b) {
					errs = append(errs, fmt.Sprintf("dict: %s: term of %q as %s overlaps the one at %s", b.Pos, g.name, g.office, a.Pos))
				}
			}
		}
	}
	return errs
}

func overlap(a, b *Entity) bool {
	// [aFrom, aTo] and [bFrom, bTo] with zero meaning open.
	aEndsBeforeB := !a.To.IsZero() && !b.From.IsZero() && a.To.Before(b.From)
	bEndsBeforeA := !b.To.IsZero() && !a.From.IsZero() && b.To.Before(a.From)
	return !aEndsBeforeB && !bEndsBeforeA
}

// namedList reads a "name | item; item" line; want describes the form in
// the error for a line without a name.
func (p *parser) namedList(line, want string) (name string, items []string, ok bool) {
	name, list, ok := strings.Cut(line, "|")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		p.errorf("want %q, got %q", want, strings.TrimSpace(line))
		return "", nil, false
	}
	return name, splitList(list), true
}

// addNamed adds the items of a named list to lists (an entry per name, as
// names(i) and items(i) read them): a later line of an overlay extends the
// entry of its name; in one directory a name may have one line only.
func (p *parser) addNamed(what, name string, n int, names func(i int) (string, Pos), extend func(i int), add func()) {
	if p.overlay && p.again(what, name, name) {
		return
	}
	for i := range n {
		if o, pos := names(i); o == name {
			if p.overlay {
				extend(i)
				return
			}
			p.errorf("duplicate %s %q (first at %s)", what, name, pos)
			return
		}
	}
	add()
}

func (p *parser) guard(line string) {
	name, words, ok := p.namedList(strings.ToLower(line), "guard | word; word")
	if !ok {
		return
	}
	if !slices.Contains(GuardNames, name) {
		p.errorf("unknown guard %q (known: %s)", name, strings.Join(GuardNames, ", "))
		return
	}
	if len(words) == 0 {
		p.errorf("guard %q has no words", name)
		return
	}
	gs := &p.d.Guards
	p.addNamed("guard", name, len(*gs), func(i int) (string, Pos) { return (*gs)[i].Name, (*gs)[i].Pos },
		func(i int) { (*gs)[i].Words = append((*gs)[i].Words, words...) },
		func() { *gs = append(*gs, Guard{Name: name, Words: words, Pos: p.pos()}) })
}

func (p *parser) contextCue(line string) {
	ctx, cues, ok := p.namedList(line, "context | cue; cue")
	if !ok {
		return
	}
	if !plover.IsContext(ctx) {
		p.errorf("unknown context %q", ctx)
		return
	}
	for _, cue := range cues {
		if _, err := ParsePattern(cue); err != nil {
			p.errorf("cue %q: %v", cue, err)
		}
	}
	cs := &p.d.Contexts
	p.addNamed("context", ctx, len(*cs), func(i int) (string, Pos) { return (*cs)[i].Context, (*cs)[i].Pos },
		func(i int) { (*cs)[i].Cues = append((*cs)[i].Cues, cues...) },
		func() { *cs = append(*cs, ContextCue{Context: ctx, Cues: cues, Pos: p.pos()}) })
}
