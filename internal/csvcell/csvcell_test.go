package csvcell_test

import (
	"testing"

	"dyad/internal/csvcell"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("https://evil.example")`: `'=HYPERLINK("https://evil.example")`,
		"+1+1":                               "'+1+1",
		"-2+3":                               "'-2+3",
		"@SUM(A1:A9)":                        "'@SUM(A1:A9)",
		"\t=1+1":                             "'\t=1+1",
		"\r=1+1":                             "'\r=1+1",
		"-":                                  "-",
		"":                                   "",
		"The army said =1":                   "The army said =1",
		"USA GOV + NER MIL":                  "USA GOV + NER MIL",
		"'=1+1":                              "'=1+1",
	} {
		if got := csvcell.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
