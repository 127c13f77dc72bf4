package dict_test

import (
	"fmt"
	"testing/fstest"

	"dyad/dict"
)

func ExampleLoad() {
	base := fstest.MapFS{
		"countries.txt":     {Data: []byte("NER: Niger\n  capitals: Niamey\n")},
		"regions.txt":       {Data: []byte("")},
		"organizations.txt": {Data: []byte("")},
		"people.txt":        {Data: []byte("Mohamed Bazoum; Bazoum | NER | GOV | President | 2021-04-02 | 2023-07-26\n")},
		"agents.txt":        {Data: []byte("official | GOV\n")},
		"events.txt":        {Data: []byte("RETREAT withdraw | V | withdraw * from $R | 0874\nAGREE | V | agre\n")},
		"contexts.txt":      {Data: []byte("")},
	}
	user := fstest.MapFS{"events.txt": {Data: []byte("RETREAT bogus | V | pull out of $R\n")}}
	_, err := dict.Load(base, user)
	fmt.Println(err)
	// Output: dict: events.txt:1: "bogus" is not a mode of RETREAT (modes: withdraw, release, disarm, ceasefire, access, resign)
}
