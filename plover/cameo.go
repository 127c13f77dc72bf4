package plover

//go:generate go run gen_cameo.go

// CameoEntry is one row of the CAMEO-to-PLOVER table.
type CameoEntry struct {
	Code     string
	Category string
	Mode     string
	Contexts []string
	Text     string
}

// goldsteinRoot holds the Goldstein scale value of each CAMEO root (two-digit)
// code, by its number, as published with CAMEO; dyad scores a code by its
// root.
var goldsteinRoot = [...]float64{
	1: 0, 2: 3, 3: 4, 4: 1, 5: 3.5, 6: 6, 7: 7, 8: 5, 9: -2,
	10: -5, 11: -2, 12: -4, 13: -6, 14: -6.5, 15: -7.2, 16: -4, 17: -7,
	18: -9, 19: -10, 20: -10,
}

// Cameo looks a CAMEO code up in the table.
func Cameo(code string) (CameoEntry, bool) {
	for _, e := range cameoTable {
		if e.Code == code {
			return e, true
		}
	}
	return CameoEntry{}, false
}

// Goldstein returns the Goldstein score of a CAMEO code (by its root code).
func Goldstein(code string) float64 {
	if len(code) < 2 {
		return 0
	}
	a, b := code[0]-'0', code[1]-'0'
	if a > 9 || b > 9 || int(a)*10+int(b) >= len(goldsteinRoot) {
		return 0
	}
	return goldsteinRoot[int(a)*10+int(b)]
}

// NearestCameo returns the first CAMEO code that the table maps to the
// given category and mode, or to the category alone.
func NearestCameo(category, mode string) string {
	if mode != "" {
		if c, ok := nearestCameo[[2]string{category, mode}]; ok {
			return c
		}
	}
	return nearestCameo[[2]string{category, ""}]
}

// nearestCameo holds NearestCameo's answers: for each category and mode,
// and each category alone (mode ""), the first code of the table. It is
// built once and only read.
var nearestCameo = func() map[[2]string]string {
	m := map[[2]string]string{}
	for _, e := range cameoTable {
		for _, k := range [][2]string{{e.Category, e.Mode}, {e.Category, ""}} {
			if _, ok := m[k]; !ok {
				m[k] = e.Code
			}
		}
	}
	return m
}()

// FromCameo maps a CAMEO code (or an older PLOVER category name such as
// DEMAND) to a PLOVER category.
func FromCameo(code string) string {
	switch code {
	case "DEMAND":
		return "REQUEST"
	case "DISAPPROVE", "INVESTIGATE":
		return "ACCUSE"
	case "FIGHT":
		return "ASSAULT"
	}
	if IsCategory(code) {
		return code
	}
	if e, ok := Cameo(code); ok {
		return e.Category
	}
	return ""
}
