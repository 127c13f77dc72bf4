package coder

import (
	"errors"
	"strings"
	"testing"

	"dyad/document"
)

// Issue 17: a document longer than MaxText is coded up to a paragraph
// break before MaxText, says so, and keeps offsets into its own text.
func TestLongDocumentIsCut(t *testing.T) {
	c := testCoder(t)
	para := "Police fired tear gas at protesters in Dakar on Friday.\n\n"
	var b strings.Builder
	for b.Len() < MaxText+len(para)*100 {
		b.WriteString(para)
	}
	// What lies past the cut is never coded.
	b.WriteString("Kenya and Uganda signed a trade agreement in Nairobi on Tuesday.")
	text := b.String()
	evs, err := c.Code(document.Document{ID: "long", Date: pub, Text: text})
	if !errors.Is(err, ErrCut) {
		t.Fatalf("err = %v, want one wrapping ErrCut", err)
	}
	if !strings.Contains(err.Error(), "split it into articles") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	if len(evs) == 0 {
		t.Fatal("a cut document yields no events")
	}
	var batch Batch
	if err := c.CodeBatch(&batch, document.Document{ID: "long", Date: pub, Text: text}); err != nil {
		t.Fatal(err)
	}
	if batch.Cut == 0 || batch.Cut > MaxText || !strings.HasSuffix(text[:batch.Cut], "\n\n") {
		t.Errorf("cut at %d (MaxText %d), want after a paragraph break before MaxText", batch.Cut, MaxText)
	}
	for _, e := range batch.Events {
		if e.Event[0] == "COOPERATE" || e.Event[0] == "AGREE" {
			t.Errorf("an event past the cut was coded: %s", e.Text)
		}
		if e.TextInfo.End > batch.Cut {
			t.Errorf("event text ends at %d, past the cut at %d", e.TextInfo.End, batch.Cut)
		}
	}
	// A document within MaxText is coded whole, with no cut.
	if err := c.CodeBatch(&batch, document.Document{ID: "short", Date: pub, Text: para}); err != nil || batch.Cut != 0 {
		t.Errorf("short document: cut %d, err %v", batch.Cut, err)
	}
}
