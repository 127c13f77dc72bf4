// Package document defines the unit dyad codes, a news document, and reads
// documents from plain text (with an optional header block), JSON lines and
// HTML.
//
// In: bytes from a file, stdin or a corpus. Out: Documents whose Text is the
// original article text; every byte offset dyad reports points into Text.
package document

import "time"

// Document is one article to code.
type Document struct {
	// ID identifies the document within its batch or store.
	ID string `json:"id"`
	// Title, URL and Source (the outlet) describe where the text came from.
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	// Date is the publication date; the zero time when unknown.
	Date time.Time `json:"date"`
	// Text is the article body. Offsets in coded events index into it.
	Text string `json:"text"`
}
