package examples_test

import (
	"fmt"

	"dyad/examples"
)

func ExampleDocuments() {
	docs, err := examples.Documents()
	if err != nil {
		panic(err)
	}
	for _, d := range docs {
		if d.ID == "us-niger-withdrawal" {
			fmt.Println(d.Date.Format("2006-01-02"), d.Source, "|", d.Title)
		}
	}
	// Output: 2024-05-19 dyad example | Washington and Niamey agree on timetable for US troop exit from Niger
}
