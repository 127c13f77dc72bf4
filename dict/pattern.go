package dict

import (
	"errors"
	"fmt"
	"strings"
)

// Item is one element of a pattern.
type Item struct {
	// Words are the alternatives for a word item, as written.
	Words []string
	// Slot is 'A' or 'R' for an actor or recipient slot, 0 otherwise.
	Slot byte
	// Gap is set for '*'.
	Gap bool
	// Optional is set for items written with a trailing '?'.
	Optional bool
}

// ParsePattern parses a pattern or phrase written in the syntax of the
// package documentation.
func ParsePattern(s string) ([]Item, error) {
	fs := strings.Fields(s)
	items := make([]Item, 0, len(fs))
	for i, f := range fs {
		var it Item
		if len(f) > 1 && strings.HasSuffix(f, "?") {
			it.Optional = true
			f = f[:len(f)-1]
		}
		switch {
		case f == "*":
			it.Gap = true
		case f == "$A" || f == "$R":
			it.Slot = f[1]
		case strings.HasPrefix(f, "$"):
			return nil, fmt.Errorf("unknown slot %q (want $A or $R)", f)
		case !strings.Contains(f, "|") && len(f) > 2 && strings.HasSuffix(f, "'s") && !it.Optional:
			// "People's": the tokenizer reads the word and its
			// possessive as two tokens, and so does the pattern.
			items = append(items, Item{Words: []string{f[:len(f)-2]}})
			it.Words = []string{"'s"}
		case !strings.Contains(f, "|"):
			// One word, the usual item: its slice is cut from fs
			// rather than made.
			fs[i] = f
			it.Words = fs[i : i+1 : i+1]
		default:
			for _, w := range strings.Split(f, "|") {
				if w == "" {
					return nil, fmt.Errorf("empty alternative in %q", f)
				}
				it.Words = append(it.Words, w)
			}
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		return nil, errors.New("empty pattern")
	}
	if items[0].Words == nil && items[0].Slot == 0 {
		return nil, errors.New("a pattern cannot start with a gap")
	}
	anchor := false
	for _, it := range items {
		if it.Words != nil && !it.Optional {
			anchor = true
			break
		}
	}
	if !anchor {
		return nil, errors.New("a pattern needs at least one required word")
	}
	return items, nil
}
