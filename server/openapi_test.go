package server

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"dyad/plover"
)

// TestOpenAPIStatesLimits checks that the OpenAPI document gives the
// limits the server enforces and the values it accepts: a client built
// from it sends nothing the server refuses for a reason it could not know.
func TestOpenAPIStatesLimits(t *testing.T) {
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string `json:"name"`
				Schema struct {
					Type  string `json:"type"`
					Items struct {
						Enum []any `json:"enum"`
					} `json:"items"`
					Pattern   string `json:"pattern"`
					Minimum   *int   `json:"minimum"`
					Maximum   *int   `json:"maximum"`
					MaxLength *int   `json:"maxLength"`
				} `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	enums := map[string][]string{"category": plover.Categories(), "sector": plover.Sectors(), "context": plover.Contexts()}
	seen := 0
	for path, ops := range doc.Paths {
		for method, op := range ops {
			for _, p := range op.Parameters {
				where := method + " " + path + " " + p.Name
				s := p.Schema
				switch p.Name {
				case "category", "sector", "context":
					seen++
					var got []string
					for _, x := range s.Items.Enum {
						got = append(got, fmt.Sprint(x))
					}
					if s.Type != "array" || !slices.Equal(got, enums[p.Name]) {
						t.Errorf("%s: %s of %v, want an array of %v", where, s.Type, s.Items.Enum, enums[p.Name])
					}
				case "limit":
					if s.Maximum == nil || *s.Maximum != maxLimit {
						t.Errorf("%s: maximum %v, want %d", where, s.Maximum, maxLimit)
					}
				case "offset":
					if s.Maximum == nil || *s.Maximum != maxOffset || s.Minimum == nil || *s.Minimum != 0 {
						t.Errorf("%s: offset bounds %v-%v, want 0-%d", where, s.Minimum, s.Maximum, maxOffset)
					}
				case "from", "to":
					if s.Pattern == "" {
						t.Errorf("%s: no date pattern", where)
					}
				case "actor", "recipient", "place", "source", "text", "q":
					if s.MaxLength == nil || *s.MaxLength != 200 {
						t.Errorf("%s: maxLength %v, want 200", where, s.MaxLength)
					}
				}
			}
		}
	}
	if seen < 9 {
		t.Errorf("found %d category, sector and context parameters, want those of events, places and stats", seen)
	}
}
