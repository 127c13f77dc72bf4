package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"dyad/plover"
	"dyad/store"
)

// Documents ingested from files are stored under their path, which may be
// an absolute path on the server's machine (/home/ana/news/a.txt). Pages
// and the API never show such a path: they name the document by a public
// alias, the file's base name, "~" and the first hex digits of the
// SHA-256 of the whole ID (a.txt~3fa2b1c4d5e6), which the server maps back
// to the stored ID.

// aliasDigits is the number of hex digits of the hash in an alias.
const aliasDigits = 12

// isPathID reports whether a document ID is an absolute file path (Unix,
// Windows with a drive letter, or a UNC share) or a file: URL.
func isPathID(id string) bool {
	switch {
	case strings.HasPrefix(id, "/"), strings.HasPrefix(id, `\\`), strings.HasPrefix(strings.ToLower(id), "file:"):
		return true
	case len(id) >= 3 && id[1] == ':' && (id[2] == '/' || id[2] == '\\') &&
		(id[0] >= 'A' && id[0] <= 'Z' || id[0] >= 'a' && id[0] <= 'z'):
		return true
	}
	return false
}

// publicID returns the ID that pages and the API show for a stored
// document ID: the ID itself, or the alias of a file path.
func publicID(id string) string {
	if !isPathID(id) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return baseName(id) + "~" + hex.EncodeToString(sum[:])[:aliasDigits]
}

// publicEventID returns an event ID ("doc-3") with its document's part
// made public.
func publicEventID(evID, docID string) string {
	if rest, ok := strings.CutPrefix(evID, docID); ok && isPathID(docID) {
		return publicID(docID) + rest
	}
	return evID
}

// baseName is the last element of a path with either kind of slash.
func baseName(id string) string {
	b := path.Base(strings.ReplaceAll(id, `\`, "/"))
	if b == "." || b == "/" || b == "" {
		return "file"
	}
	return b
}

// splitAlias returns the base name and hash of an alias.
func splitAlias(id string) (base, sum string, ok bool) {
	i := strings.LastIndexByte(id, '~')
	if i <= 0 || len(id)-i-1 != aliasDigits {
		return "", "", false
	}
	sum = id[i+1:]
	if _, err := hex.DecodeString(sum); err != nil {
		return "", "", false
	}
	return id[:i], sum, true
}

// storedID returns the stored ID of the document a public ID names: the
// ID itself when a document has it, else the path an alias stands for.
// An absolute path asked for directly is not served.
func (s *Server) storedID(ctx context.Context, id string) (string, error) {
	if isPathID(id) {
		return "", store.ErrNotFound
	}
	base, _, ok := splitAlias(id)
	if !ok {
		return id, nil
	}
	if _, err := s.cfg.Store.Document(ctx, id); err == nil {
		return id, nil
	}
	cands, err := s.cfg.Store.DocumentsEndingIn(ctx, base, 50)
	if err != nil {
		return "", err
	}
	for _, c := range cands {
		if isPathID(c) && publicID(c) == id {
			return c, nil
		}
	}
	return "", store.ErrNotFound
}

// publicSource hides a file path among a document's sources ("outlet
// url"), keeping its base name.
func publicSource(s string) string {
	f := strings.Fields(s)
	for i, x := range f {
		if isPathID(x) {
			f[i] = baseName(x)
		}
	}
	return strings.Join(f, " ")
}

// publicRows is the store as an export reads it, with documents stored
// under a file path named by their alias.
type publicRows struct{ s Store }

func (p publicRows) Each(ctx context.Context, f store.Filter, fn func(store.Row) error) error {
	return p.s.Each(ctx, f, func(r store.Row) error {
		publicEvent(&r.Event)
		return fn(r)
	})
}

func (p publicRows) Records(ctx context.Context, f store.Filter, fn func([]byte) error) error {
	return p.s.Records(ctx, f, func(rec []byte) error {
		if mayHavePathID(rec) {
			var e plover.Event
			if err := json.Unmarshal(rec, &e); err != nil {
				return fmt.Errorf("server: stored event: %w", err)
			}
			if isPathID(e.DocID) {
				publicEvent(&e)
				b, err := json.Marshal(e)
				if err != nil {
					return fmt.Errorf("server: stored event: %w", err)
				}
				rec = b
			}
		}
		return fn(rec)
	})
}

// publicEvent names an event's document by its public ID.
func publicEvent(e *plover.Event) {
	e.ID = publicEventID(e.ID, e.DocID)
	e.DocID = publicID(e.DocID)
}

// mayHavePathID reports whether a stored record's doc_id may be a file
// path, cheaply, so that only those records are decoded.
func mayHavePathID(rec []byte) bool {
	key := []byte(`"doc_id":"`)
	i := bytes.Index(rec, key)
	if i < 0 || i+len(key)+3 > len(rec) {
		return false
	}
	v := rec[i+len(key):]
	return v[0] == '/' || v[0] == '\\' || v[0] == 'f' || v[0] == 'F' || v[1] == ':'
}
