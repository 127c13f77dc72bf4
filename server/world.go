package server

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"dyad/store"
)

// world is the country outlines of the events map, read from world.txt
// (Natural Earth 1:110m countries; see gen_world.go).
type world struct {
	countries []outline
}

// outline is one country: its code, name, rings of (lon, lat) points and
// their bounding box.
type outline struct {
	code, name             string
	rings                  [][][2]float64
	minX, minY, maxX, maxY float64
}

// parseWorld reads world.txt; a malformed line is an error naming it.
func parseWorld(data string) (*world, error) {
	w := &world{}
	for n, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("server: world.txt:%d: want 3 tab-separated fields, have %d", n+1, len(f))
		}
		o := outline{code: f[0], name: f[1], minX: 180, minY: 90, maxX: -180, maxY: -90}
		for _, r := range strings.Split(f[2], ";") {
			var ring [][2]float64
			var x, y int
			for _, pt := range strings.Fields(r) {
				xs, ys, ok := strings.Cut(pt, ",")
				dx, err1 := strconv.Atoi(xs)
				dy, err2 := strconv.Atoi(ys)
				if !ok || err1 != nil || err2 != nil {
					return nil, fmt.Errorf("server: world.txt:%d: point %q: want x,y in tenths of a degree", n+1, pt)
				}
				x, y = x+dx, y+dy
				p := [2]float64{float64(x) / 10, float64(y) / 10}
				ring = append(ring, p)
				o.minX, o.maxX = min(o.minX, p[0]), max(o.maxX, p[0])
				o.minY, o.maxY = min(o.minY, p[1]), max(o.maxY, p[1])
			}
			o.rings = append(o.rings, ring)
		}
		w.countries = append(w.countries, o)
	}
	return w, nil
}

// mapData is what the events map shows: the places (most events first),
// the events by country of their place (places named only by a compass
// word left out), and where a place's link goes.
type mapData struct {
	Points    []store.Point
	Countries map[string]int
	// Href returns the link of a place: the events list with the page's
	// filters and the place.
	Href func(place string) string
}

// compassOnly reports whether a place name is made of compass words only
// ("West", "North East"): in the news such a name is a direction or "the
// West", almost never the division of that name that a gazetteer holds.
func compassOnly(name string) bool {
	ws := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '-' })
	for _, w := range ws {
		switch w {
		case "north", "south", "east", "west", "northern", "southern", "eastern", "western",
			"northeast", "northwest", "southeast", "southwest", "central", "centre", "center", "middle":
		default:
			return false
		}
	}
	return len(ws) > 0
}

// shades is the number of shades (classes shade0 to shade4 of dyad.css)
// that colour a country by its events, from few to many.
const shades = 5

// shadeOf returns the shade class (0 to 4) of n events where the busiest
// country has peak: classes of equal width on a logarithmic scale.
func shadeOf(n, peak int) int {
	if peak <= 1 {
		return shades - 1
	}
	return min(shades-1, int(math.Log(float64(n))/math.Log(float64(peak))*float64(shades-1)+0.5))
}

// mapChart draws the events map: country outlines shaded by the events
// located in them, a circle a place sized by its events, labels that
// overlap neither each other nor the circles, and legends of the shades
// and sizes. The view is fitted to the places. With no located events it
// returns a message instead of an empty map.
func (w *world) mapChart(d mapData) template.HTML {
	var pts []store.Point
	left := 0
	for _, p := range d.Points {
		if compassOnly(p.Place) {
			left++
			continue
		}
		pts = append(pts, p)
	}
	if len(pts) == 0 {
		msg := "No event that these filters select has a place on the map."
		if left > 0 {
			msg += fmt.Sprintf(" (%d named only by a compass word, such as “West”, are left out.)", left)
		}
		return template.HTML(`<p class="empty-map" id="map-empty" role="status">` + html.EscapeString(msg) + `</p>`)
	}
	const W, H = 960.0, 520.0
	// The view: the places' box, padded, at least 40° by 22°, widened to
	// the map's shape, kept inside the world (60°S to 85°N).
	minX, minY, maxX, maxY := 180.0, 90.0, -180.0, -90.0
	for _, p := range pts {
		minX, maxX = min(minX, p.Lon), max(maxX, p.Lon)
		minY, maxY = min(minY, p.Lat), max(maxY, p.Lat)
	}
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	spanX := max(40, maxX-minX+16)
	spanY := max(22, maxY-minY+12)
	if spanX/spanY < W/H {
		spanX = spanY * W / H
	} else {
		spanY = spanX * H / W
	}
	spanX, spanY = min(spanX, 360), min(spanY, 145)
	x0 := math.Max(-180, math.Min(cx-spanX/2, 180-spanX))
	y1 := math.Min(85, math.Max(cy+spanY/2, -60+spanY))
	k := W / spanX
	ky := H / spanY
	px := func(lon float64) float64 { return (lon - x0) * k }
	py := func(lat float64) float64 { return (y1 - lat) * ky }
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart map" id="event-map" viewBox="0 0 %g %g" role="img" aria-labelledby="map-t map-d">`, W, H)
	fmt.Fprintf(&b, `<title id="map-t">Event locations</title><desc id="map-d">%d places on a map of country outlines (Natural Earth); a circle's area grows with its events, a country's shade with the events located in it.</desc>`, len(pts))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%g" height="%g" class="sea"/>`, W, H)
	peakC := 1
	for _, n := range d.Countries {
		peakC = max(peakC, n)
	}
	for _, c := range w.countries {
		if c.maxX < x0 || c.minX > x0+spanX || c.maxY < y1-spanY || c.minY > y1 {
			continue
		}
		var path strings.Builder
		for _, r := range c.rings {
			for i, p := range r {
				cmd := 'L'
				if i == 0 {
					cmd = 'M'
				}
				fmt.Fprintf(&path, "%c%.1f %.1f", cmd, px(p[0]), py(p[1]))
			}
			path.WriteByte('Z')
		}
		n := d.Countries[c.code]
		cls, tip := "land", esc(c.name)
		if n > 0 {
			cls = fmt.Sprintf("land shade%d", shadeOf(n, peakC))
			tip += fmt.Sprintf(": %d events", n)
		}
		fmt.Fprintf(&b, `<path d="%s" class="%s" data-country="%s"><title>%s</title></path>`, path.String(), cls, esc(c.code), tip)
	}
	peak := 1
	for _, p := range pts {
		peak = max(peak, p.Events)
	}
	radius := func(n int) float64 { return 3 + 14*math.Sqrt(float64(n)/float64(peak)) }
	type box struct{ x0, y0, x1, y1 float64 }
	var taken []box
	for _, p := range pts {
		r := radius(p.Events)
		taken = append(taken, box{px(p.Lon) - r, py(p.Lat) - r, px(p.Lon) + r, py(p.Lat) + r})
	}
	// Circles, largest first (the places come busiest first), so that
	// small ones stay on top and clickable.
	for _, p := range pts {
		fmt.Fprintf(&b, `<a href="%s"><circle cx="%.1f" cy="%.1f" r="%.1f" class="dot"><title>%s (%s): %d events</title></circle></a>`,
			esc(d.Href(p.Place)), px(p.Lon), py(p.Lat), radius(p.Events), esc(p.Place), esc(p.Country), p.Events)
	}
	// Labels, busiest places first, each where it overlaps nothing.
	const lh = 12.0
	overlaps := func(a box, skip int) bool {
		if a.x0 < 0 || a.x1 > W || a.y0 < 0 || a.y1 > H {
			return true
		}
		for j, t := range taken {
			if j != skip && a.x0 < t.x1 && t.x0 < a.x1 && a.y0 < t.y1 && t.y0 < a.y1 {
				return true
			}
		}
		return false
	}
	labels := 0
	for i, p := range pts {
		if labels >= 25 {
			break
		}
		x, y, r := px(p.Lon), py(p.Lat), radius(p.Events)
		lw := float64(utf8.RuneCountInString(p.Place))*6.4 + 4
		for _, c := range []struct {
			b      box
			tx, ty float64
			anchor string
		}{
			{box{x + r + 2, y - lh/2, x + r + 2 + lw, y + lh/2}, x + r + 3, y + 4, "start"},
			{box{x - r - 2 - lw, y - lh/2, x - r - 2, y + lh/2}, x - r - 3, y + 4, "end"},
			{box{x - lw/2, y - r - 2 - lh, x + lw/2, y - r - 2}, x, y - r - 4, "middle"},
			{box{x - lw/2, y + r + 2, x + lw/2, y + r + 2 + lh}, x, y + r + 12, "middle"},
		} {
			if !overlaps(c.b, i) {
				taken = append(taken, c.b)
				fmt.Fprintf(&b, `<a href="%s"><text x="%.1f" y="%.1f" text-anchor="%s" class="ml">%s</text></a>`, esc(d.Href(p.Place)), c.tx, c.ty, c.anchor, esc(p.Place))
				labels++
				break
			}
		}
	}
	// Legends: circle sizes and country shades, bottom left.
	sizes := []int{peak}
	for _, v := range []int{peak / 4, 1} {
		if v >= 1 && v < sizes[len(sizes)-1] {
			sizes = append(sizes, v)
		}
	}
	lx, ly := 12.0, H-12.0
	fmt.Fprintf(&b, `<g class="map-legend" id="map-size-legend"><rect x="4" y="%g" width="%g" height="%g" class="legend-box"/>`, ly-64, 20+float64(len(sizes))*46+float64(shades)*24+70, 66.0)
	fmt.Fprintf(&b, `<text x="%g" y="%g" class="ax">events at a place</text>`, lx, ly-50)
	for _, v := range sizes {
		r := radius(v)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" class="dot legend-dot"/><text x="%.1f" y="%g" class="ax" text-anchor="middle">%d</text>`, lx+20, ly-14-r, r, lx+20, ly-2, v)
		lx += 46
	}
	lx += 12
	fmt.Fprintf(&b, `<text x="%g" y="%g" class="ax">events in the country</text>`, lx, ly-50)
	// The fewest events of each shade; a shade no whole number of events
	// reaches (few events in the busiest country) is left out.
	var lo [shades + 1]int
	lo[0], lo[shades] = 1, peakC+1
	for i := 1; i < shades; i++ {
		lo[i] = max(1, int(math.Ceil(math.Pow(float64(peakC), (float64(i)-0.5)/float64(shades-1)))))
	}
	for i := range shades {
		if lo[i] >= lo[i+1] {
			continue
		}
		fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="22" height="14" class="land shade%d"/><text x="%.1f" y="%g" class="ax" text-anchor="middle">%d+</text>`, lx, ly-38, i, lx+11, ly-12, lo[i])
		lx += 24
	}
	b.WriteString(`</g>`)
	if left > 0 {
		fmt.Fprintf(&b, `<text x="%g" y="16" class="ax" text-anchor="end">%d places named only by a compass word left out</text>`, W-8, left)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
