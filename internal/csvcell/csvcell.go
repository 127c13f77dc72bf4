// Package csvcell keeps the text in dyad's CSV and tab-separated files from
// being run as formulas by spreadsheets (CSV injection).
//
// In: the text of one cell. Out: the same text, with a single quote put
// before it when it starts with a character that makes a spreadsheet read a
// formula: "=", "+", "-", "@", a tab or a carriage return, as OWASP's advice
// on CSV injection says.
package csvcell

// Text returns s made safe for a text cell: s itself, or "'" + s when s
// starts a formula. A cell of one character is left alone ("-" is dyad's
// "none"), since no formula fits in it. Numbers the program formats itself
// (a score of -7) are not text and must not go through Text, so that they
// stay numbers.
func Text(s string) string {
	if len(s) < 2 {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
