package coder_test

import (
	"fmt"
	"time"

	"dyad/coder"
	"dyad/document"
)

func ExampleCoder_Code() {
	c, _ := coder.Default(coder.Options{})
	doc := document.Document{
		ID:   "ex",
		Date: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC),
		Text: "Britain will pull its soldiers out of Estonia by March 15, 2025, the British Ministry of Defence said on Sunday.",
	}
	evs, _ := c.Code(doc)
	for _, e := range evs {
		fmt.Println(e.Event, e.Actor[0].Code, "->", e.Recipient[0].Code, e.Date, "deadline", e.Deadline, "per", e.Attribution[0].Code, e.Attribution[0].Sector)
		fmt.Printf("%q %q\n", doc.Text[e.Actor[0].Start:e.Actor[0].End], e.EventText[0])
	}
	// Output:
	// [CONCEDE] GBR -> EST 2024-05-19 deadline 2025-03-15 per GBR MIL
	// "Britain" "pull soldiers out of"
}
