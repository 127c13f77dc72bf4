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
		Text: "The US will withdraw its forces from Niger no later than September 15, 2024, the Pentagon said on Sunday.",
	}
	evs, _ := c.Code(doc)
	for _, e := range evs {
		fmt.Println(e.Event, e.Actor[0].Code, "->", e.Recipient[0].Code, e.Date, "deadline", e.Deadline, "per", e.Attribution[0].Code, e.Attribution[0].Sector)
		fmt.Printf("%q %q\n", doc.Text[e.Actor[0].Start:e.Actor[0].End], e.EventText[0])
	}
	// Output:
	// [CONCEDE] USA -> NER 2024-05-19 deadline 2024-09-15 per USA MIL
	// "US" "withdraw forces from"
}
