package server

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"strings"
	"unicode/utf8"

	"dyad/store"
)

// The charts are SVG drawn on the server: they need no JavaScript, carry a
// <title> and <desc> for screen readers, and every label is escaped.

// quadColors and quadNames are indexed by quad class (1 verbal cooperation
// ... 4 material conflict).
var (
	quadColors = [5]string{"#9e9e9e", "#74add1", "#1a9850", "#fdae61", "#d73027"}
	quadNames  = [5]string{"other", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
)

// legendEntry is one quad class of a chart's legend, as the pages'
// captions name it: its class number (which styles a swatch) and name.
type legendEntry struct {
	Quad  int
	Color string
	Name  string
}

// legend returns the quad classes in the order of the chart's legend.
func legend() []legendEntry {
	var out []legendEntry
	for q := 1; q <= 4; q++ {
		out = append(out, legendEntry{q, quadColors[q], quadNames[q]})
	}
	return out
}

// standalone gives a chart its own style sheet (the svg rules of the
// pages' dyad.css), so that the SVG reads the same outside the pages.
func standalone(chart template.HTML) string {
	css, _ := assets.ReadFile("static/dyad.css")
	var rules []string
	for _, r := range strings.SplitAfter(string(css), "}") {
		if r = strings.TrimSpace(r); strings.HasPrefix(r, "svg") {
			rules = append(rules, r)
		}
	}
	svg := string(chart)
	i := strings.Index(svg, ">")
	if i < 0 {
		return svg
	}
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + svg[:i+1] + "<style>" + strings.Join(rules, "\n") + "</style>" + svg[i+1:]
}

// annotation marks a notable event on a series chart.
type annotation struct {
	Month string
	Label string
}

// seriesChart draws events per month stacked by quad class, with the mean
// PLOVER event scale as a line on its own axis (-10 to 10).
func seriesChart(id, title string, ms []store.Month, notes []annotation) template.HTML {
	const (
		W, H                 = 960.0, 380.0
		left, right, top, bo = 56.0, 56.0, 54.0, 70.0
	)
	pw, ph := W-left-right, H-top-bo
	var b strings.Builder
	esc := html.EscapeString
	total, peak := 0, 0
	for _, m := range ms {
		total += m.Total
		peak = max(peak, m.Total)
	}
	desc := fmt.Sprintf("%d events over %d months, stacked by quad class; the line is the mean PLOVER event scale.", total, len(ms))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="%s" viewBox="0 0 %g %g" role="img" aria-labelledby="%s-t %s-d">`,
		esc(id), W, H, esc(id), esc(id))
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	fmt.Fprintf(&b, `<text x="%g" y="20" class="ct">%s</text>`, left, esc(title))
	// Legend.
	lx := left
	for q := 1; q <= 4; q++ {
		fmt.Fprintf(&b, `<rect x="%g" y="30" width="12" height="12" fill="%s" class="lg" data-legend="%d"/><text x="%g" y="40" class="cl">%s</text>`, lx, quadColors[q], q, lx+16, quadNames[q])
		lx += 16 + float64(len(quadNames[q]))*6.6 + 14
	}
	fmt.Fprintf(&b, `<line x1="%g" y1="36" x2="%g" y2="36" class="scale-line"/><text x="%g" y="40" class="cl">mean event scale</text>`, lx, lx+18, lx+22)
	if len(ms) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" class="empty">No events in this period.</text></svg>`, W/2, top+ph/2)
		return template.HTML(b.String())
	}
	ymax := niceMax(peak)
	y := func(v float64) float64 { return top + ph - v/float64(ymax)*ph }
	ys := func(v float64) float64 { return top + ph/2 - v/10*ph/2 }
	// Axes and grid.
	for _, t := range ticks(ymax) {
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" class="grid"/><text x="%g" y="%.1f" class="ax" text-anchor="end">%d</text>`,
			left, y(float64(t)), left+pw, y(float64(t)), left-6, y(float64(t))+4, t)
	}
	for _, t := range []int{-10, -5, 0, 5, 10} {
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" class="ax">%+d</text>`, left+pw+6, ys(float64(t))+4, t)
	}
	fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" class="zero"/>`, left, ys(0), left+pw, ys(0))
	fmt.Fprintf(&b, `<text transform="translate(14 %g) rotate(-90)" class="ax" text-anchor="middle">events per month</text>`, top+ph/2)
	fmt.Fprintf(&b, `<text transform="translate(%g %g) rotate(90)" class="ax" text-anchor="middle">mean event scale</text>`, W-10, top+ph/2)
	bw := pw / float64(len(ms))
	every := int(math.Ceil(float64(len(ms)) / 16))
	// The mean scale's line is cut where a month has no events: a month
	// without events has no mean, and joining across it would draw one.
	var lines [][]string
	var dots []string
	index := map[string]int{}
	for i, m := range ms {
		index[m.Month] = i
		x := left + float64(i)*bw
		fmt.Fprintf(&b, `<g class="bar"><title>%s: %d events (%d verbal cooperation, %d material cooperation, %d verbal conflict, %d material conflict); mean scale %.1f</title>`,
			esc(m.Month), m.Total, m.Quad[1], m.Quad[2], m.Quad[3], m.Quad[4], m.MeanScale)
		acc := 0
		for _, q := range []int{2, 1, 0, 3, 4} {
			if m.Quad[q] == 0 {
				continue
			}
			y0, y1 := y(float64(acc)), y(float64(acc+m.Quad[q]))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" data-quad="%d"/>`, x+bw*0.12, y1, bw*0.76, y0-y1, quadColors[q], q)
			acc += m.Quad[q]
		}
		b.WriteString(`</g>`)
		if i%every == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%g" class="ax" text-anchor="end" transform="rotate(-45 %.1f %g)">%s</text>`,
				x+bw/2, top+ph+16, x+bw/2, top+ph+16, esc(m.Month))
		}
		if m.Total > 0 {
			pt := fmt.Sprintf("%.1f,%.1f", x+bw/2, ys(m.MeanScale))
			if i == 0 || ms[i-1].Total == 0 {
				lines = append(lines, nil)
			}
			lines[len(lines)-1] = append(lines[len(lines)-1], pt)
			dots = append(dots, pt)
		}
	}
	for _, l := range lines {
		if len(l) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" class="scale-line"/>`, strings.Join(l, " "))
		}
	}
	for _, p := range dots {
		px, py, _ := strings.Cut(p, ",")
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3" class="scale-dot"/>`, px, py)
	}
	// Notes: each label goes on the highest row where it overlaps no
	// label already placed; one that fits on no row is left out (its
	// month keeps its tick).
	const rows, rowH, charW = 4, 13.0, 7.0
	var placed [rows][][2]float64
	for _, n := range notes {
		i, ok := index[n.Month]
		if !ok {
			continue
		}
		x := left + float64(i)*bw + bw/2
		w := float64(utf8.RuneCountInString(n.Label))*charW + 8
		anchor := anchorFor(x, left, pw)
		x0 := x - w/2
		switch anchor {
		case "start":
			x0 = x
		case "end":
			x0 = x - w
		}
		row := -1
		for r := 0; r < rows && row < 0; r++ {
			free := true
			for _, iv := range placed[r] {
				if x0 < iv[1] && iv[0] < x0+w {
					free = false
					break
				}
			}
			if free {
				row = r
			}
		}
		if row < 0 {
			continue
		}
		placed[row] = append(placed[row], [2]float64{x0, x0 + w})
		ty := top + 12 + float64(row)*rowH
		fmt.Fprintf(&b, `<g class="note"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%g"/><text x="%.1f" y="%.1f" text-anchor="%s">%s</text></g>`,
			x, ty+3, x, top+ph, x, ty, anchor, esc(n.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func anchorFor(x, left, pw float64) string {
	switch {
	case x < left+pw*0.2:
		return "start"
	case x > left+pw*0.8:
		return "end"
	}
	return "middle"
}

// niceMax rounds n up to a number the axis can tick evenly.
func niceMax(n int) int {
	if n <= 4 {
		return 4
	}
	p := 1
	for p*10 < n {
		p *= 10
	}
	for _, m := range []int{1, 2, 4, 5, 10} {
		if m*p >= n {
			return m * p
		}
	}
	return 10 * p
}

func ticks(ymax int) []int {
	step := ymax / 4
	if step == 0 {
		step = 1
	}
	var out []int
	for t := 0; t <= ymax; t += step {
		out = append(out, t)
	}
	return out
}

// scaleColor maps a mean event scale (-10 to 10) to red, grey or green.
func scaleColor(v float64) string {
	switch {
	case v <= -3:
		return "#d73027"
	case v < 0:
		return "#fc8d59"
	case v == 0:
		return "#9e9e9e"
	case v < 3:
		return "#91cf60"
	}
	return "#1a9850"
}

// networkChart draws an actor in the middle and its partners around it;
// an edge's width grows with the events, its colour says their mean scale.
func networkChart(code string, ps []store.Partner) template.HTML {
	const W, H = 560.0, 460.0
	cx, cy, R := W/2, H/2+6, 170.0
	if len(ps) > 16 {
		ps = ps[:16]
	}
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart network" viewBox="0 0 %g %g" role="img" aria-labelledby="net-t net-d">`, W, H)
	fmt.Fprintf(&b, `<title id="net-t">Relations of %s</title><desc id="net-d">%s and its %d most frequent partners; line width grows with the number of events, green is cooperative and red conflictual on average.</desc>`,
		esc(code), esc(code), len(ps))
	peak := 1
	for _, p := range ps {
		peak = max(peak, p.Events)
	}
	for i, p := range ps {
		a := 2*math.Pi*float64(i)/float64(max(1, len(ps))) - math.Pi/2
		x, y := cx+R*math.Cos(a), cy+R*math.Sin(a)
		w := 1 + 9*math.Sqrt(float64(p.Events)/float64(peak))
		fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%.1f" stroke-opacity="0.8"><title>%s–%s: %d events, mean scale %.1f</title></line>`,
			cx, cy, x, y, scaleColor(p.MeanScale), w, esc(code), esc(p.Code), p.Events, p.MeanScale)
		href := "/dyads/" + url.PathEscape(code) + "/" + url.PathEscape(p.Code)
		fmt.Fprintf(&b, `<a href="%s"><circle cx="%.1f" cy="%.1f" r="20" class="node"/><text x="%.1f" y="%.1f" text-anchor="middle" class="nl">%s</text></a>`,
			esc(href), x, y, x, y+4, esc(p.Code))
	}
	fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="30" class="node centre"/><text x="%g" y="%g" text-anchor="middle" class="nl centre">%s</text>`, cx, cy, cx, cy+5, esc(code))
	if len(ps) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="40" text-anchor="middle" class="empty">No partners yet.</text>`, cx)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// activityChart draws the events of each month as a bar, a month a row.
func activityChart(months []store.Count) template.HTML {
	const W, row = 420.0, 18.0
	esc := html.EscapeString
	peak := 1
	for _, m := range months {
		peak = max(peak, m.N)
	}
	H := row*float64(len(months)) + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart activity" id="activity" viewBox="0 0 %g %g" role="img" aria-labelledby="act-t"><title id="act-t">Events per month, the last %d months with events</title>`, W, H, len(months))
	for i, m := range months {
		y := float64(i)*row + 2
		w := (W - 130) * float64(m.N) / float64(peak)
		fmt.Fprintf(&b, `<a href="/events?from=%s&amp;to=%s"><text x="0" y="%.1f" class="ax">%s</text><rect x="60" y="%.1f" width="%.1f" height="%g" class="bar-all"/><text x="%.1f" y="%.1f" class="ax">%d</text></a>`,
			esc(m.Key), esc(m.Key), y+12, esc(m.Key), y+2, max(1, w), row-6, 64+w, y+12, m.N)
	}
	if len(months) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="12" class="empty">No dated events yet.</text>`, W/2)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
