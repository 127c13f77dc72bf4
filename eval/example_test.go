package eval_test

import (
	"fmt"
	"strings"

	"dyad/document"
	"dyad/eval"
	"dyad/plover"
)

type oneEvent struct{}

func (oneEvent) Code(d document.Document) ([]plover.Event, error) {
	return []plover.Event{{Event: []string{"CONSULT"}, Actor: []plover.Entity{{Code: "USA"}, {Code: "NER"}}, Date: "2024-05-19"}}, nil
}

func ExampleScore() {
	gold := `=== talks
date: 2024-05-19
text:
US and Nigerien officials held talks in Niamey.
events:
CONSULT | USA GOV, NER GOV | - | 2024-05-19
`
	docs, _ := eval.ReadGold(strings.NewReader(gold), "talks.gold")
	rep := eval.Score(docs, oneEvent{})
	fmt.Printf("P %.2f R %.2f F1 %.2f\n", rep.Overall.Precision(), rep.Overall.Recall(), rep.Overall.F1())
	// Output: P 1.00 R 1.00 F1 1.00
}
