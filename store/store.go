// Package store keeps documents, their sentences, coded events, actors and
// event clusters in SQLite (embedded, the default) or PostgreSQL (shared).
//
// In: documents with the PLOVER events coded from them. Out: the same events
// filtered, sorted and counted (Query, Stats), the documents again (for
// recoding), and the fetch state that makes polling feeds cheap.
//
// Both backends share one schema, created and upgraded by numbered
// migrations, and one implementation over database/sql; only the SQL dialect
// differs. Storing a document is one transaction: its row, its sources, its
// sentences, its events and actors, and the counts of the clusters its events
// fall in are all written or none is, so a killed process never leaves half
// a document behind.
//
// De-duplication: a document is the same as a stored one when it has the same
// ID, the same canonical URL, or the same normalised text (Hash). The same
// text under a new URL or outlet (a reprint) adds a source to the stored
// document instead of a second copy. Another text under a stored ID or URL
// is refused (ErrConflict) unless the item asks to Replace the stored
// document, whose sources then give way to the new one's.
//
// Clusters: events with the same date, first actor code, first recipient
// code and first category are taken to be one real-world event. A cluster
// counts its mentions (events times the sources of their documents) and its
// distinct sources (outlets).
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"dyad/document"
	"dyad/plover"
)

// Store is what dyad's commands need from a database. *DB implements it for
// both backends.
type Store interface {
	Check(ctx context.Context, k Key) (Status, error)
	Put(ctx context.Context, items []Item) ([]Result, error)
	ReplaceEvents(ctx context.Context, docID string, events []plover.Event) error
	Document(ctx context.Context, id string) (document.Document, error)
	DocumentIDs(ctx context.Context) ([]string, error)
	Each(ctx context.Context, f Filter, fn func(Row) error) error
	Query(ctx context.Context, f Filter) ([]Row, error)
	Stats(ctx context.Context, f Filter) (Stats, error)
	Counts(ctx context.Context) (Counts, error)
	FetchState(ctx context.Context, url string) (FetchState, error)
	SetFetchState(ctx context.Context, st FetchState) error
	Close() error
}

var _ Store = (*DB)(nil)

// ErrNotFound is returned (wrapped) when a document does not exist.
var ErrNotFound = errors.New("not found")

// Item is one document to store with the events coded from it.
type Item struct {
	Doc document.Document
	// Origin says where the document came from (a file path and line, a feed
	// or page URL); it is recorded with the document's source.
	Origin string
	// Events replace the document's stored events when the document is new
	// or its text changed (or Force is set). They are ignored for a reprint
	// of a stored document.
	Events []plover.Event
	// Force replaces the events even when the stored text is unchanged, as
	// "dyad recode" does after a dictionary update.
	Force bool
	// Replace lets the item replace a stored document that has its ID or
	// URL and another text. Without it Put refuses such an item with a
	// *ConflictError and leaves the stored document as it was.
	Replace bool
	// Reprint says the item's text is stored already (Check said Reprint,
	// or a copy read earlier in the same run is stored first) and its
	// events were not coded: Put adds it as a source of the document with
	// that text, and when there is none it refuses the item with an error
	// wrapping ErrTextNotStored instead of storing it without events.
	Reprint bool
}

// ErrTextNotStored is Put's refusal of an Item marked Reprint whose text no
// stored document has: code it and put it again.
var ErrTextNotStored = errors.New("text not stored: code it")

// ErrConflict is what a *ConflictError matches with errors.Is.
var ErrConflict = errors.New("already stored with other text")

// ConflictError is Put's refusal to let a document replace another one
// stored under its ID or URL with another text.
type ConflictError struct {
	ID         string // the ID the stored document has
	URL        string // the item's URL, when it has one
	StoredFrom string // where the stored document came from (a file and line, a URL)
}

func (e *ConflictError) Error() string {
	msg := fmt.Sprintf("id %q is %v", e.ID, ErrConflict)
	if e.StoredFrom != "" {
		msg += " (from " + e.StoredFrom + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrConflict) true for a *ConflictError.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// Outcome says what Put did with an item.
type Outcome int

// Outcomes of Put.
const (
	Inserted  Outcome = iota + 1 // a new document
	Replaced                     // a known document given another text with Replace, or forced: events replaced
	Unchanged                    // a known document, same text: nothing written
	Duplicate                    // the same text as a stored document: a source was added to it
)

func (o Outcome) String() string {
	switch o {
	case Inserted:
		return "inserted"
	case Replaced:
		return "replaced"
	case Unchanged:
		return "unchanged"
	case Duplicate:
		return "duplicate"
	}
	return "unknown"
}

// Result is Put's answer for one item: the ID the document is stored under
// and the outcome, or the error that kept it out (the other items of the
// batch are stored all the same).
type Result struct {
	DocID   string
	Outcome Outcome
	Err     error
}

// Key identifies a document before it is coded, so that work already done
// can be skipped.
type Key struct {
	ID   string
	URL  string
	Hash string // Hash(text)
}

// Status is Check's answer.
type Status int

// Statuses of Check.
const (
	New      Status = iota + 1 // not stored: code it
	Known                      // stored with this text under this ID or URL: skip it
	Reprint                    // this text is stored under another ID and URL: store it (no need to code)
	Conflict                   // another text is stored under this ID or URL: Put refuses it unless the item says Replace
)

// Hash returns the hex SHA-256 of text after folding case and reducing it to
// its letters and digits separated by single spaces, so that copies of an
// article that differ only in spacing, punctuation or case hash alike.
func Hash(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Sentence is a coded sentence of a stored document: its sequence number
// and byte offsets into the document text.
type Sentence struct {
	Seq   int
	Start int
	End   int
	Text  string
}

// Row is one stored event with what the store knows around it.
type Row struct {
	Event plover.Event
	// Source is the outlet of the event's document; Title its title.
	Source string
	Title  string
	// Published is the document's publication date (RFC 3339, or empty).
	Published string
	// Cluster is the ID of the event's cluster; Mentions and Sources its
	// counts.
	Cluster  string
	Mentions int
	Sources  int
	// Record is the stored PLOVER record as JSON, set only by EachRecord.
	Record []byte
}

// Filter selects events. Empty fields select everything.
type Filter struct {
	Actor     string // actor code prefix (e.g. USA, USAGOV) or words of the actor's text
	Recipient string // same, for the recipient
	// Country, Sector, Category, Mode, Context and Quad may list several
	// values separated by commas (category=ASSAULT,PROTEST): any of them
	// matches.
	Country  string // ISO3 code of the actor's or recipient's country, or of the event location
	Sector   string // sector of the actor or recipient (GOV, MIL, ...)
	Category string // PLOVER event category (PROTEST, AGREE, ...)
	Mode     string
	Context  string
	Quad     string // quad class, 1 verbal cooperation ... 4 material conflict
	From, To string // inclusive date range, YYYY-MM-DD (or any prefix)
	Place    string // words of the extracted or resolved place
	Source   string // outlet
	Text     string // words of the sentence
	DocID    string
	// Cluster keeps the reports of one real-world event (a cluster ID).
	Cluster string
	// Distinct keeps one report of each real-world event: the earliest
	// (by date, document and order) of its cluster.
	Distinct bool
	// Sort is one of date, -date, goldstein, -goldstein, mentions, -mentions
	// (the default is date, then document and event order).
	Sort  string
	Limit int
}

// Count is one group of Stats.
type Count struct {
	Key string
	N   int
}

// Stats counts the events a Filter selects.
type Stats struct {
	Total      int
	ByCategory []Count
	ByQuad     []Count // "1" verbal cooperation ... "4" material conflict
	ByMonth    []Count // YYYY-MM
}

// Counts are the sizes of the store's tables.
type Counts struct {
	Documents, Sources, Sentences, Events, Clusters int
}

// FetchState is what a fetcher remembers about a URL for conditional
// requests.
type FetchState struct {
	URL          string
	ETag         string
	LastModified string
	Checked      time.Time
}
