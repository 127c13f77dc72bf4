package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dyad/document"
	"dyad/plover"
	"dyad/store"
)

// parsePages parses each page template with the layout.
func parsePages(nm *names) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"codes":    func(es []plover.Entity) template.HTML { return entityCodes(es, nm) },
		"cname":    nm.name,
		"sname":    func(s string) string { return sectorNames[s] },
		"join":     strings.Join,
		"quadName": func(q int) string { return quadNames[max(0, min(q, 4))] },
		"add":      func(a, b int) int { return a + b },
		"list":     func(xs ...string) []string { return xs },
		"pathq":    url.PathEscape,
		"pubid":    publicID,
		"day":      func(t time.Time) string { return dayOf(t) },
		"scale":    func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(assets, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// entityCodes shows entities as their codes and sectors, each with the
// name of its code beside it ("NER GOV Niger").
func entityCodes(es []plover.Entity, nm *names) template.HTML {
	var out []string
	for _, e := range es {
		c := html.EscapeString(e.Code)
		if e.Sector != "" {
			c += ` <abbr title="` + html.EscapeString(sectorNames[e.Sector]) + `">` + html.EscapeString(e.Sector) + `</abbr>`
		}
		if n := nm.name(e.Code); n != "" {
			c += ` <span class="nm">` + html.EscapeString(n) + `</span>`
		}
		if c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return template.HTML(strings.Join(out, ", "))
}

// pageData is what every page gets.
type pageData struct {
	Title    string
	Nav      string
	Private  bool
	CanWrite bool
	Body     any
}

// render writes a page, buffered so that a template error becomes a clean
// error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page, title string, body any) {
	t := s.pages[page]
	var buf bytes.Buffer
	err := t.ExecuteTemplate(&buf, "layout", pageData{Title: title, Nav: page, Private: s.cfg.Private, CanWrite: s.cfg.Token != "", Body: body})
	if err != nil {
		s.cfg.Logger.Error("template failed", "page", page, "err", err)
		http.Error(w, "The page could not be drawn.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", http.StatusText(status), map[string]any{"Status": status, "Message": msg})
}

// pageFail shows an error met while building a page.
func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	var ue *userError
	switch {
	case errors.As(err, &ue):
		s.pageError(w, r, http.StatusBadRequest, ue.msg)
	case errors.Is(err, store.ErrNotFound):
		s.pageError(w, r, http.StatusNotFound, "There is nothing stored under this name.")
	case errors.Is(err, context.DeadlineExceeded):
		s.pageError(w, r, http.StatusServiceUnavailable, "This took too long; narrow the request.")
	default:
		s.cfg.Logger.Error("page failed", "path", r.URL.Path, "err", err)
		s.pageError(w, r, http.StatusInternalServerError, "The server failed: "+err.Error())
	}
}

// evView is one event in a list.
type evView struct {
	Idx int
	// N is the event's number in its document (the N of its ID "doc-N"),
	// the anchor event-N of the document page.
	N         string
	E         plover.Event
	Source    string
	Title     string
	Published string // the document's publication date, YYYY-MM-DD
	// Late is set when the event is dated after its article was published.
	Late bool
	// Doc is the document's public ID; DocHref links to the event on the
	// document page, or is empty when the document is not stored.
	Doc string
	// Anchor gives the item the id event-N (on a document's own page).
	Anchor   bool
	DocHref  string
	Cluster  string
	Mentions int
	Sources  int
}

// evViews turns rows of stored events into list items that link to their
// evidence.
func evViews(rows []store.Row) []evView {
	out := make([]evView, len(rows))
	for i, r := range rows {
		out[i] = evView{Idx: i, N: eventNumber(r.Event, i), E: r.Event, Source: r.Source, Title: r.Title,
			Cluster: r.Cluster, Mentions: r.Mentions, Sources: r.Sources, Published: pubDay(r.Published)}
		out[i].Late = isLate(r.Event.Date, out[i].Published)
		if d := r.Event.DocID; d != "" {
			out[i].Doc = publicID(d)
			out[i].DocHref = "/documents/" + url.PathEscape(out[i].Doc) + "#event-" + out[i].N
		}
	}
	return out
}

// eventNumber returns the N of an event ID "doc-N", or i+1 when the ID
// has no such number.
func eventNumber(e plover.Event, i int) string {
	if rest, ok := strings.CutPrefix(e.ID, e.DocID+"-"); ok {
		if _, err := strconv.Atoi(rest); err == nil {
			return rest
		}
	}
	return strconv.Itoa(i + 1)
}

// pubDay returns the day of a stored publication date (RFC 3339).
func pubDay(p string) string {
	if len(p) >= 10 {
		return p[:10]
	}
	return p
}

// isLate reports whether an event date (YYYY, YYYY-MM or YYYY-MM-DD) is
// after a publication day: an article cannot report what had not happened,
// so such a date is a coding error (or a plan, not an event).
func isLate(date, pub string) bool {
	if date == "" || pub == "" {
		return false
	}
	n := min(len(date), len(pub))
	return date[:n] > pub[:n]
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.cfg.Store.Counts(ctx)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	docs, _, err := s.cfg.Store.Documents(ctx, "", 8, 0)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	pairs, err := s.cfg.Store.TopPairs(ctx, 8)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	actors, err := s.cfg.Store.TopActors(ctx, 8)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	recent, _, err := s.cfg.Store.Page(ctx, store.Filter{Sort: "-date", Limit: 6}, store.Cursor{})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	months, err := s.cfg.Store.Activity(ctx, 12)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "dyad", map[string]any{"Counts": c, "Docs": docs, "Pairs": pairs, "Actors": actors,
		"Recent": evViews(recent), "Activity": activityChart(months)})
}

// onOf returns the set of a multi-valued filter field's values.
func onOf(v string) map[string]bool {
	out := map[string]bool{}
	for _, x := range store.Values(v) {
		out[strings.ToUpper(x)] = true
	}
	return out
}

// codeView is the "Code an article" page.
type codeView struct {
	In      codeInput
	Save    bool
	Doc     *document.Document
	Article template.HTML
	Events  []evView
	Saved   *store.Result
	Error   string
}

func (s *Server) codePage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "code", "Code an article", codeView{})
}

func (s *Server) codeSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.pageError(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("The article is over the limit of %d bytes.", mbe.Limit))
			return
		}
		s.pageError(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	v := codeView{
		In:   codeInput{Text: r.PostFormValue("text"), URL: strings.TrimSpace(r.PostFormValue("url")), Title: r.PostFormValue("title"), Date: r.PostFormValue("date")},
		Save: r.PostFormValue("save") != "",
	}
	if tok := r.PostFormValue("token"); tok != "" {
		r.Header.Set("X-Dyad-Token", tok)
	}
	status := http.StatusOK
	if err := s.mayFetch(r, v.In); err != nil {
		v.Error, status = userMessage(err), http.StatusBadRequest
		if errors.Is(err, errFetchNeedsToken) {
			v.Error, status = "Fetching a page needs the server's token (sign in, or fill in the token field); or paste the article's text.", http.StatusUnauthorized
			if s.cfg.Token == "" {
				v.Error, status = "This server fetches no pages: paste the article's text.", http.StatusForbidden
			}
		}
		s.render(w, r, status, "code", "Code an article", v)
		return
	}
	d, err := s.document(r.Context(), v.In)
	if err != nil {
		v.Error, status = userMessage(err), http.StatusBadRequest
		s.render(w, r, status, "code", "Code an article", v)
		return
	}
	evs, err := s.code(r.Context(), d)
	if err != nil {
		v.Error, status = userMessage(err), http.StatusUnprocessableEntity
		if errors.Is(err, errBusy) {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
			status = http.StatusServiceUnavailable
		}
		s.render(w, r, status, "code", "Code an article", v)
		return
	}
	if v.Save {
		if !s.authorised(r) {
			v.Error, status = "Saving needs the server's token.", http.StatusUnauthorized
			if s.cfg.Token == "" {
				v.Error, status = "Saving is disabled: start dyad serve with --token or DYAD_TOKEN.", http.StatusForbidden
			}
		} else if res, err := s.save(r.Context(), d, evs, false); err != nil {
			v.Error, status = userMessage(err), http.StatusInternalServerError
		} else {
			v.Saved = &res
		}
	}
	rows := make([]store.Row, len(evs))
	for i, e := range evs {
		rows[i] = store.Row{Event: e, Source: d.Source, Title: d.Title}
		if !d.Date.IsZero() {
			rows[i].Published = d.Date.Format(time.RFC3339)
		}
	}
	v.Doc = &d
	v.Events = evViews(rows)
	for i := range v.Events {
		// The article is on this page; it is on its own page only once saved.
		v.Events[i].Anchor = true
		if v.Saved == nil {
			v.Events[i].DocHref = "#event-" + v.Events[i].N
		} else {
			v.Events[i].Doc = publicID(v.Saved.DocID)
			v.Events[i].DocHref = "/documents/" + url.PathEscape(v.Events[i].Doc) + "#event-" + v.Events[i].N
		}
	}
	v.Article = highlight(d.Text, marksOf(d.Text, evs, d.Date))
	s.render(w, r, status, "code", "Code an article", v)
}

func userMessage(err error) string {
	var ue *userError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return err.Error()
}

// dyadView is the dyad page.
type dyadView struct {
	Pair store.Pair
	// Dirs are the links to the pair's directions, the current one marked.
	Dirs   []dirLink
	Legend []legendEntry
	// Unknown is set when no event at any date involves the pair.
	Unknown bool
	Chart   template.HTML
	Total   int
	Events  []evView
	Offset  int
	More    bool
	Next    string
	APIPath string
}

func (s *Server) dyadPage(w http.ResponseWriter, r *http.Request) {
	a, b := r.PathValue("a"), r.PathValue("b")
	if a == "" {
		a, b = s.codeOf(r.URL.Query().Get("a")), s.codeOf(r.URL.Query().Get("b"))
		if a != "" && b != "" && store.IsActorCode(a) && store.IsActorCode(b) {
			q := url.Values{}
			for _, k := range []string{"from", "to", "dir"} {
				if v := r.URL.Query().Get(k); v != "" {
					q.Set(k, v)
				}
			}
			target := "/dyads/" + url.PathEscape(strings.ToUpper(a)) + "/" + url.PathEscape(strings.ToUpper(b))
			if len(q) > 0 {
				target += "?" + q.Encode()
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
	}
	if a == "" || b == "" {
		s.render(w, r, http.StatusOK, "dyad", "Dyad", dyadView{Pair: store.Pair{A: a, B: b}})
		return
	}
	p, err := pairOf(r, a, b)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	_, offset, err := pageOf(r.URL.Query())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	ms, err := s.cfg.Store.Series(r.Context(), p)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	rows, more, err := s.cfg.Store.PairEvents(r.Context(), p, "-date", 100, offset)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	// The notable events are picked across the whole series, not from
	// the page of events shown.
	severe, _, err := s.cfg.Store.PairEvents(r.Context(), p, "-severity", 200, 0)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := dyadView{Pair: p, Events: evViews(rows), Offset: offset, More: more,
		APIPath: "/api/v1/dyads/" + url.PathEscape(p.A) + "/" + url.PathEscape(p.B) + "/series", Dirs: dirLinks(r, p),
		Legend: legend()}
	if p.Dir != "" && p.Dir != "both" {
		v.APIPath += "?dir=" + p.Dir
	}
	for _, m := range ms {
		v.Total += m.Total
	}
	if v.Total == 0 {
		known, err := s.knownDyad(r.Context(), p)
		if err != nil {
			s.pageFail(w, r, err)
			return
		}
		if !known {
			v.Unknown = true
			s.render(w, r, http.StatusNotFound, "dyad", p.A+" – "+p.B, v)
			return
		}
	}
	title := dyadTitle(p)
	notes := notable(severe, 6)
	// Turning points inside either country (a coup, a crackdown) explain
	// the pair's curve: mark them, widening the months to show them.
	turns, err := s.turningPoints(r.Context(), p)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	for _, t := range turns {
		if p.From != "" && t.Month < p.From[:min(7, len(p.From))] || p.To != "" && t.Month > p.To[:min(7, len(p.To))] {
			continue
		}
		notes = append(notes, t)
		ms = withMonth(ms, t.Month)
	}
	sort.Slice(notes, func(i, j int) bool { return notes[i].Month < notes[j].Month })
	v.Chart = seriesChart("dyad-chart", title, fillMonths(ms, p.From, p.To), notes)
	if more {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(offset+100))
		v.Next = r.URL.Path + "?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, "dyad", p.A+" – "+p.B, v)
}

// dyadChartSVG serves the dyad chart alone, as an SVG image.
func (s *Server) dyadChartSVG(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := pairOf(r, q.Get("a"), q.Get("b"))
	if err == nil && p.B == "" {
		err = badRequest("give two actor codes as a= and b=")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := s.cfg.Store.Series(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	severe, _, err := s.cfg.Store.PairEvents(r.Context(), p, "-severity", 200, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	// The image carries its own style sheet, so that it reads the same
	// opened alone, embedded in a report or saved: its policy lets that
	// sheet apply and nothing else load or run.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
	w.Write([]byte(standalone(seriesChart("dyad-chart", dyadTitle(p), fillMonths(ms, p.From, p.To), notable(severe, 6)))))
}

// dyadTitle is the title of a pair's chart, saying its direction.
func dyadTitle(p store.Pair) string {
	switch p.Dir {
	case "ab":
		return fmt.Sprintf("%s → %s: what %s did to %s, events per month by quad class", p.A, p.B, p.A, p.B)
	case "ba":
		return fmt.Sprintf("%s → %s: what %s did to %s, events per month by quad class", p.B, p.A, p.B, p.A)
	}
	return fmt.Sprintf("%s and %s: events per month by quad class", p.A, p.B)
}

// dirLink is a link to one direction of a dyad.
type dirLink struct {
	Label, Href string
	Current     bool
}

// dirLinks returns the links to a pair's three directions, keeping the
// page's other parameters (the period) and dropping its offset.
func dirLinks(r *http.Request, p store.Pair) []dirLink {
	var out []dirLink
	for _, d := range []struct{ dir, label string }{{"both", p.A + " ⇄ " + p.B}, {"ab", p.A + " → " + p.B}, {"ba", p.B + " → " + p.A}} {
		q := r.URL.Query()
		q.Del("offset")
		q.Set("dir", d.dir)
		if d.dir == "both" {
			q.Del("dir")
		}
		href := r.URL.Path
		if len(q) > 0 {
			href += "?" + q.Encode()
		}
		out = append(out, dirLink{d.label, href, d.dir == p.Dir || d.dir == "both" && p.Dir == ""})
	}
	return out
}

// codeOf returns the code a dyad form's field names: the code of a name
// ("Niger" NER) when the look-up finds exactly one or an exact code, else
// the field as typed.
func (s *Server) codeOf(v string) string {
	if c := s.names.exact(v); c != "" {
		return c
	}
	if found := s.names.lookup(v, 2); len(found) == 1 {
		return found[0].Code
	}
	return strings.TrimSpace(v)
}

func (s *Server) glossaryPage(w http.ResponseWriter, r *http.Request) {
	var codes []actorMatch
	for _, c := range s.names.all {
		codes = append(codes, actorMatch{c, s.names.byCode[c]})
	}
	var cats []glossEntry
	for _, c := range plover.Categories() {
		cats = append(cats, glossEntry{Code: c, Name: quadNames[plover.Quad(c)], Help: strings.Join(plover.Modes(c), ", ")})
	}
	s.render(w, r, http.StatusOK, "glossary", "Glossary", map[string]any{
		"Sectors": sectorGlossary(), "Categories": cats, "Codes": codes, "Quads": quadNames[1:],
	})
}

// notable picks, from events most severe first (by absolute event
// scale), at most n to name on a chart: one a month, the most severe of
// it, in the order of the months.
func notable(rows []store.Row, n int) []annotation {
	seen := map[string]bool{}
	var out []annotation
	for _, r := range rows {
		e := r.Event
		if len(e.Date) < 7 || seen[e.Date[:7]] || len(out) >= n {
			continue
		}
		seen[e.Date[:7]] = true
		label := strings.Join(e.Event, "/")
		if len(e.Actor) > 0 {
			label = e.Actor[0].Code + " " + label
		}
		if len(e.Recipient) > 0 {
			label += " " + e.Recipient[0].Code
		}
		out = append(out, annotation{Month: e.Date[:7], Label: label})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

func (s *Server) actorPage(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	if code == "" {
		code = r.URL.Query().Get("code")
		found := s.names.lookup(code, 20)
		if c := s.names.exact(code); c != "" {
			found = []actorMatch{{Code: c}}
		}
		switch {
		case len(found) == 1:
			http.Redirect(w, r, "/actors/"+url.PathEscape(found[0].Code), http.StatusSeeOther)
			return
		case len(found) == 0 && code != "" && store.IsActorCode(code):
			http.Redirect(w, r, "/actors/"+url.PathEscape(strings.ToUpper(code)), http.StatusSeeOther)
			return
		}
		status := http.StatusOK
		if code != "" && len(found) == 0 {
			status = http.StatusNotFound
		}
		s.render(w, r, status, "actor", "Actor", map[string]any{"Code": code, "Found": found, "Asked": code != ""})
		return
	}
	p, err := pairOf(r, code, "")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v, err := s.actorView(r.Context(), p)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	status := http.StatusOK
	if v.Total == 0 && len(v.Names) == 0 {
		status = http.StatusNotFound
	}
	s.render(w, r, status, "actor", p.A, map[string]any{
		"Code": p.A, "Name": s.names.name(p.A), "View": v, "MinEvents": minRanked, "Network": networkChart(p.A, v.Partners),
		"Chart": seriesChart("actor-chart", p.A+": events per month by quad class", v.Months, nil),
	})
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := s.filterOf(r.Context(), q)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	_, offset, err := pageOf(q)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	at, err := cursorOf(q, offset)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	f.Limit = 50
	rows, next, err := s.cfg.Store.Page(r.Context(), f, at)
	if err != nil {
		s.pageFail(w, r, filterError(err))
		return
	}
	total, err := s.cfg.Store.Count(r.Context(), f)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	// The places, many: the countries are shaded by the events of all
	// of them, the busiest hundred are drawn.
	pts, err := s.cfg.Store.Points(r.Context(), f, 2000)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	byCountry := map[string]int{}
	for _, p := range pts {
		if !compassOnly(p.Place) { // see mapChart
			byCountry[strings.ToUpper(p.Country)] += p.Events
		}
	}
	pts = pts[:min(len(pts), 100)]
	link := func(set map[string]string) string {
		q2 := url.Values{}
		for k, vs := range q {
			if k == "offset" || k == "cursor" || k == "format" {
				continue
			}
			for _, v := range vs {
				if v != "" {
					q2.Add(k, v)
				}
			}
		}
		for k, v := range set {
			q2.Set(k, v)
		}
		return q2.Encode()
	}
	v := map[string]any{
		"F": f, "Events": evViews(rows), "Offset": at.Offset, "Total": total,
		"Map": s.world.mapChart(mapData{Points: pts, Countries: byCountry,
			Href: func(place string) string { return "/events?" + link(map[string]string{"place": place}) }}),
		"Quads": quadNames[1:], "QuadOn": onOf(f.Quad), "CategoryOn": onOf(f.Category),
		"CSV": "/api/v1/events?" + link(map[string]string{"format": "csv"}), "JSONL": "/api/v1/events?" + link(map[string]string{"format": "jsonl"}),
		"JSON": "/api/v1/events?" + link(nil),
	}
	if next != nil {
		v["Next"] = "/events?" + link(map[string]string{"cursor": next.String()})
	}
	if at.Offset > 0 {
		v["Prev"] = "/events?" + link(map[string]string{"offset": strconv.Itoa(max(0, at.Offset-50))})
	}
	s.render(w, r, http.StatusOK, "events", "Events", v)
}

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) {
	_, offset, err := pageOf(r.URL.Query())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	text := r.URL.Query().Get("q")
	docs, more, err := s.cfg.Store.Documents(r.Context(), text, 50, offset)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	total, err := s.cfg.Store.DocumentCount(r.Context(), text)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := map[string]any{"Docs": docs, "Q": text, "Offset": offset, "Total": total}
	if more {
		v["Next"] = "/documents?" + url.Values{"q": {text}, "offset": {strconv.Itoa(offset + 50)}}.Encode()
	}
	s.render(w, r, http.StatusOK, "documents", "Documents", v)
}

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.documentView(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	evs := make([]plover.Event, len(v.Events))
	for i, row := range v.Events {
		evs[i] = row.Event
	}
	id := publicID(v.Doc.ID)
	title := v.Doc.Title
	if title == "" {
		title = id
	}
	views := evViews(v.Events)
	for i := range views {
		views[i].Anchor = true
	}
	const shown = 5
	reports, more := v.Reports, []store.Report(nil)
	if len(reports) > shown {
		reports, more = reports[:shown], reports[shown:]
	}
	s.render(w, r, http.StatusOK, "document", title, map[string]any{
		"Doc": v.Doc, "ID": id, "Article": highlight(v.Doc.Text, marksOf(v.Doc.Text, evs, v.Doc.Date)),
		"Events": views, "Sources": v.Sources, "Reports": reports, "MoreReports": more,
	})
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", "Sign in", map[string]any{"Next": safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	next := safeNext(r.PostFormValue("next"))
	r.Header.Set("X-Dyad-Token", r.PostFormValue("token"))
	if !s.authorised(r) {
		s.render(w, r, http.StatusUnauthorized, "login", "Sign in", map[string]any{"Next": next, "Error": "That is not this server's token."})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.cfg.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 30 * 24 * 3600})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// safeNext keeps a redirect target on this site: a path that starts with
// one "/", with no scheme or host, no backslash and no control or space
// characters (browsers drop tabs and newlines and read a backslash as "/", so
// "/\t/evil.example" would lead to //evil.example); anything else is "/".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool {
			return r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError
		}) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// turningPoints are the most violent or coercive events each side of a
// pair did to itself (a coup, a massacre, a crackdown), at most three a
// side, as chart notes.
func (s *Server) turningPoints(ctx context.Context, p store.Pair) ([]annotation, error) {
	var out []annotation
	for _, code := range []string{p.A, p.B} {
		rows, err := s.cfg.Store.Internal(ctx, code, -6.5, 20)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, r := range rows {
			e := r.Event
			if len(out) >= 6 || e.EventScale > -6.5 || len(e.Date) < 7 || seen[e.Date[:7]] {
				continue
			}
			seen[e.Date[:7]] = true
			label := code + " " + strings.Join(e.Event, "/")
			if len(e.Mode) > 0 {
				label += " (" + e.Mode[0] + ")"
			}
			out = append(out, annotation{Month: e.Date[:7], Label: label})
		}
	}
	return out, nil
}

// withMonth adds an empty month to a series that lacks it, in order.
func withMonth(ms []store.Month, m string) []store.Month {
	for _, x := range ms {
		if x.Month == m {
			return ms
		}
	}
	ms = append(ms, store.Month{Month: m})
	sort.Slice(ms, func(i, j int) bool { return ms[i].Month < ms[j].Month })
	return ms
}
