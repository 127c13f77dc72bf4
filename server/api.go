package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"dyad/coder"
	"dyad/document"
	"dyad/export"
	"dyad/ingest"
	"dyad/plover"
	"dyad/store"
)

// errorBody is the envelope of every API error.
type errorBody struct {
	Error apiErr `json:"error"`
}

type apiErr struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func apiError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, errorBody{apiErr{status, code, msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{apiErr{status, "internal", "could not encode the answer"}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// userError is a mistake in a request, answered with 400 and its message.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func badRequest(format string, a ...any) error { return &userError{fmt.Sprintf(format, a...)} }

// fail answers an error: a user's mistake, a missing thing, a body too
// large, a timeout, or the store failing.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ue *userError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ue):
		apiError(w, http.StatusBadRequest, "bad_request", ue.msg)
	case errors.Is(err, store.ErrNotFound):
		apiError(w, http.StatusNotFound, "not_found", err.Error())
	case errors.As(err, &mbe):
		apiError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the request body is over the limit of %d bytes", mbe.Limit))
	case errors.Is(err, context.DeadlineExceeded):
		apiError(w, http.StatusServiceUnavailable, "timeout", "the request took longer than the server allows; narrow it (a shorter date range, a filter)")
	case errors.Is(err, ingest.ErrPrivateAddress):
		apiError(w, http.StatusBadRequest, "private_address", err.Error())
	case errors.Is(err, errMediaType):
		apiError(w, http.StatusUnsupportedMediaType, "unsupported_media_type", err.Error())
	case errors.Is(err, errFetchNeedsToken):
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		if s.cfg.Token == "" {
			apiError(w, http.StatusForbidden, "fetch_disabled", "this server fetches no URLs without a token (start dyad serve with --token); send the article's text instead")
			return
		}
		apiError(w, http.StatusUnauthorized, "unauthorized", err.Error())
	case errors.Is(err, errBusy):
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		apiError(w, http.StatusServiceUnavailable, "busy", err.Error())
	case errors.Is(err, store.ErrConflict):
		apiError(w, http.StatusConflict, "conflict", err.Error()+`; send "replace": true to replace it`)
	case errors.Is(err, errUnprocessable):
		apiError(w, http.StatusUnprocessableEntity, "unprocessable", err.Error())
	default:
		s.cfg.Logger.Error("request failed", "path", r.URL.Path, "err", err)
		apiError(w, http.StatusInternalServerError, "internal", "the server failed: "+err.Error())
	}
}

var (
	errUnprocessable = errors.New("cannot code this text")
	errMediaType     = errors.New("unsupported media type")
	// errFetchNeedsToken refuses to fetch a page on the server's behalf for
	// a caller without the token.
	errFetchNeedsToken = errors.New("fetching a URL on the server's behalf needs the server's token: send it as \"Authorization: Bearer TOKEN\", or send the article's text instead")
)

// Limits of list requests.
const (
	defaultLimit = 50
	maxLimit     = 500
	maxOffset    = 100000
)

// filterOf reads an event filter from query parameters and checks it.
func filterOf(q url.Values) (store.Filter, error) {
	// A field given more than once (quad=1&quad=4, as a form's multiple
	// choice sends it) reads as its values joined by commas.
	all := func(k string) string { return strings.Join(q[k], ",") }
	f := store.Filter{
		Actor: q.Get("actor"), Recipient: q.Get("recipient"), Country: all("country"), Sector: all("sector"),
		Category: all("category"), Mode: all("mode"), Context: all("context"), Quad: all("quad"),
		From: q.Get("from"), To: q.Get("to"), Place: q.Get("place"), Source: q.Get("source"),
		Text: q.Get("text"), DocID: q.Get("doc"), Cluster: q.Get("cluster"), Sort: q.Get("sort"),
	}
	switch v := q.Get("distinct"); v {
	case "", "0", "false", "no":
	case "1", "true", "yes", "on":
		f.Distinct = true
	default:
		return f, badRequest("distinct=%q: want 1 (one report of each real-world event) or 0", v)
	}
	if f.Sort == "" {
		f.Sort = "-date"
	}
	return f, filterError(f.Validate())
}

// filterError turns a store.FilterError into a user's mistake that names
// the parameter as the URL spells it.
func filterError(err error) error {
	var fe *store.FilterError
	if errors.As(err, &fe) {
		return badRequest("%s=%q: %s", fe.Field, fe.Value, fe.Want)
	}
	return err
}

// pageOf reads limit and offset.
func pageOf(q url.Values) (limit, offset int, err error) {
	limit, offset = defaultLimit, 0
	if v := q.Get("limit"); v != "" {
		limit, err = strconv.Atoi(v)
		if err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, badRequest("limit=%q: want a number from 1 to %d", v, maxLimit)
		}
	}
	if v := q.Get("offset"); v != "" {
		offset, err = strconv.Atoi(v)
		if err != nil || offset < 0 || offset > maxOffset {
			return 0, 0, badRequest("offset=%q: want a number from 0 to %d (narrow the filter to reach older events)", v, maxOffset)
		}
	}
	return limit, offset, nil
}

// cursorOf reads where a page of events starts: the cursor parameter (from
// a next link), else offset.
func cursorOf(q url.Values, offset int) (store.Cursor, error) {
	v := q.Get("cursor")
	if v == "" {
		return store.Cursor{Offset: offset}, nil
	}
	if q.Get("offset") != "" {
		return store.Cursor{}, badRequest("cursor=%q and offset=%q: give one of them (page.next carries a cursor)", v, q.Get("offset"))
	}
	at, err := store.ParseCursor(v)
	return at, filterError(err)
}

// pageInfo is the pagination part of a list answer.
type pageInfo struct {
	Limit      int    `json:"limit"`
	Offset     int    `json:"offset"`
	NextOffset *int   `json:"next_offset"`
	Next       string `json:"next,omitempty"`
}

func newPageInfo(r *http.Request, limit, offset int, more bool) pageInfo {
	p := pageInfo{Limit: limit, Offset: offset}
	if more {
		n := offset + limit
		p.NextOffset = &n
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(n))
		q.Set("limit", strconv.Itoa(limit))
		p.Next = r.URL.Path + "?" + q.Encode()
	}
	return p
}

// eventOut is an event as the API gives it: the PLOVER record with what the
// store knows around it.
type eventOut struct {
	plover.Event
	Source   string `json:"source"`
	DocTitle string `json:"doc_title"`
	// Published is the document's publication date, YYYY-MM-DD.
	Published string `json:"published,omitempty"`
	Cluster   string `json:"cluster"`
	Mentions  int    `json:"mentions"`
	Sources   int    `json:"sources"`
}

func eventsOut(rows []store.Row) []eventOut {
	out := make([]eventOut, len(rows))
	for i, r := range rows {
		out[i] = eventOut{Event: r.Event, Source: r.Source, DocTitle: r.Title, Published: pubDay(r.Published), Cluster: r.Cluster, Mentions: r.Mentions, Sources: r.Sources}
		out[i].Event.ID = publicEventID(r.Event.ID, r.Event.DocID)
		out[i].Event.DocID = publicID(r.Event.DocID)
		fixNil(&out[i].Event)
	}
	return out
}

// fixNil makes empty lists encode as [] rather than null.
func fixNil(e *plover.Event) {
	if e.Actor == nil {
		e.Actor = []plover.Entity{}
	}
	if e.Recipient == nil {
		e.Recipient = []plover.Entity{}
	}
	for _, l := range []*[]string{&e.Event, &e.Mode, &e.Context, &e.EventText} {
		if *l == nil {
			*l = []string{}
		}
	}
	if e.EventSpans == nil {
		e.EventSpans = []plover.Span{}
	}
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := s.filterOf(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if format := q.Get("format"); format != "" && format != "json" {
		s.exportEvents(w, r, f, format)
		return
	}
	limit, offset, err := pageOf(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	at, err := cursorOf(q, offset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = limit
	rows, next, err := s.cfg.Store.Page(r.Context(), f, at)
	if err != nil {
		s.fail(w, r, filterError(err))
		return
	}
	page := newPageInfo(r, limit, at.Offset, next != nil)
	if next != nil {
		// The next link carries a cursor: in date order a deep page then
		// costs what the first one does.
		nq := r.URL.Query()
		nq.Del("offset")
		nq.Set("cursor", next.String())
		nq.Set("limit", strconv.Itoa(limit))
		page.Next = r.URL.Path + "?" + nq.Encode()
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": eventsOut(rows), "page": page})
}

// exportEvents streams every event f selects (up to limit, when given) as
// CSV or JSON lines.
func (s *Server) exportEvents(w http.ResponseWriter, r *http.Request, f store.Filter, format string) {
	if format != "csv" && format != "jsonl" {
		apiError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("format=%q: want json, csv or jsonl", format))
		return
	}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			apiError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("limit=%q: want a number (0 for all)", v))
			return
		}
		f.Limit = n
	}
	ctype := map[string]string{"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}[format]
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "dyad-events." + format}))
	ew, _ := export.New(format, w)
	if _, err := export.Copy(r.Context(), publicRows{s.cfg.Store}, f, ew); err != nil {
		// Headers are gone; the truncated file ends with what was written.
		s.cfg.Logger.Error("export failed", "err", err)
		return
	}
	ew.Close()
}

func (s *Server) apiPlaces(w http.ResponseWriter, r *http.Request) {
	f, err := s.filterOf(r.Context(), r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, _, err := pageOf(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pts, err := s.cfg.Store.Points(r.Context(), f, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type pointOut struct {
		Place   string  `json:"place"`
		Country string  `json:"country_code"`
		Lat     float64 `json:"lat"`
		Lon     float64 `json:"lon"`
		Events  int     `json:"events"`
	}
	out := make([]pointOut, len(pts))
	for i, p := range pts {
		out[i] = pointOut{p.Place, p.Country, p.Lat, p.Lon, p.Events}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": out})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	f, err := s.filterOf(r.Context(), r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.cfg.Store.Stats(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type countOut struct {
		Key string `json:"key"`
		N   int    `json:"n"`
	}
	conv := func(cs []store.Count) []countOut {
		out := make([]countOut, len(cs))
		for i, c := range cs {
			out[i] = countOut{c.Key, c.N}
		}
		return out
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
		"total": st.Total, "by_category": conv(st.ByCategory), "by_quad": conv(st.ByQuad), "by_month": conv(st.ByMonth),
	}})
}

// monthOut is one month of a series in the API.
type monthOut struct {
	Month               string  `json:"month"`
	VerbalCooperation   int     `json:"verbal_cooperation"`
	MaterialCooperation int     `json:"material_cooperation"`
	VerbalConflict      int     `json:"verbal_conflict"`
	MaterialConflict    int     `json:"material_conflict"`
	Other               int     `json:"other"`
	Total               int     `json:"total"`
	MeanScale           float64 `json:"mean_scale"`
	MeanGoldstein       float64 `json:"mean_goldstein"`
}

func monthsOut(ms []store.Month) []monthOut {
	out := make([]monthOut, len(ms))
	for i, m := range ms {
		out[i] = monthOut{m.Month, m.Quad[1], m.Quad[2], m.Quad[3], m.Quad[4], m.Quad[0], m.Total, round2(m.MeanScale), round2(m.MeanGoldstein)}
	}
	return out
}

func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

// pairOf reads a dyad or actor and a date range from the request.
func pairOf(r *http.Request, a, b string) (store.Pair, error) {
	q := r.URL.Query()
	p := store.Pair{A: a, B: b, From: q.Get("from"), To: q.Get("to"), Dir: q.Get("dir")}
	if err := p.Validate(); err != nil {
		var fe *store.FilterError
		if errors.As(err, &fe) && (fe.Field == "a" || fe.Field == "b") {
			return p, badRequest("actor code %q: %s", fe.Value, fe.Want)
		}
		return p, filterError(err)
	}
	if p.A == "" {
		return p, badRequest("an actor code is required")
	}
	return p, nil
}

// fillMonths returns ms with the months between its first and last (or
// from and to, when given) that have no events added as zeros.
func fillMonths(ms []store.Month, from, to string) []store.Month {
	first, last := "", ""
	if len(ms) > 0 {
		first, last = ms[0].Month, ms[len(ms)-1].Month
	}
	if len(from) >= 7 {
		first = from[:7]
	} else if len(from) == 4 {
		first = from + "-01"
	}
	if len(to) >= 7 {
		last = to[:7]
	} else if len(to) == 4 {
		last = to + "-12"
	}
	t0, err0 := time.Parse("2006-01", first)
	t1, err1 := time.Parse("2006-01", last)
	if err0 != nil || err1 != nil || t1.Before(t0) || t1.Sub(t0) > 100*366*24*time.Hour {
		return ms
	}
	have := map[string]store.Month{}
	for _, m := range ms {
		have[m.Month] = m
	}
	var out []store.Month
	for t := t0; !t.After(t1); t = t.AddDate(0, 1, 0) {
		k := t.Format("2006-01")
		if m, ok := have[k]; ok {
			out = append(out, m)
		} else {
			out = append(out, store.Month{Month: k})
		}
	}
	return out
}

func (s *Server) apiDyadSeries(w http.ResponseWriter, r *http.Request) {
	p, err := pairOf(r, r.PathValue("a"), r.PathValue("b"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := s.cfg.Store.Series(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	total := 0
	for _, m := range ms {
		total += m.Total
	}
	if total == 0 {
		if known, err := s.knownDyad(r.Context(), p); err != nil || !known {
			if err == nil {
				err = fmt.Errorf("no events between %s and %s: %w", p.A, p.B, store.ErrNotFound)
			}
			s.fail(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
		"a": p.A, "b": p.B, "from": p.From, "to": p.To, "total": total, "months": monthsOut(fillMonths(ms, p.From, p.To)),
	}})
}

// knownDyad reports whether a pair has events at any date: a pair with
// none in a period is known, one with none at all is not.
func (s *Server) knownDyad(ctx context.Context, p store.Pair) (bool, error) {
	if p.From == "" && p.To == "" {
		return false, nil
	}
	ms, err := s.cfg.Store.Series(ctx, store.Pair{A: p.A, B: p.B})
	return len(ms) > 0, err
}

func (s *Server) apiDyadEvents(w http.ResponseWriter, r *http.Request) {
	p, err := pairOf(r, r.PathValue("a"), r.PathValue("b"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, offset, err := pageOf(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sort := r.URL.Query().Get("sort")
	if sort != "" && sort != "date" && sort != "-date" {
		s.fail(w, r, badRequest("sort=%q: want date or -date", sort))
		return
	}
	rows, more, err := s.cfg.Store.PairEvents(r.Context(), p, sort, limit, offset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": eventsOut(rows), "page": newPageInfo(r, limit, offset, more)})
}

// partnerOut is a partner of an actor in the API.
type partnerOut struct {
	Code        string  `json:"code"`
	Events      int     `json:"events"`
	Cooperation int     `json:"cooperation"`
	Conflict    int     `json:"conflict"`
	MeanScale   float64 `json:"mean_scale"`
}

// actorView is what the actor page and endpoint show.
type actorView struct {
	Code            string
	Names           []store.Count
	Total           int
	Partners        []store.Partner
	PartnerCount    int // partners in all, of which Partners holds the first 30
	MostCooperative []store.Partner
	MostConflictual []store.Partner
	Months          []store.Month
}

func (s *Server) actorView(ctx context.Context, p store.Pair) (actorView, error) {
	v := actorView{Code: p.A}
	var err error
	if v.Names, err = s.cfg.Store.Names(ctx, p.A, 5); err != nil {
		return v, err
	}
	if v.Partners, err = s.cfg.Store.Partners(ctx, p, 200); err != nil {
		return v, err
	}
	ms, err := s.cfg.Store.Series(ctx, p)
	if err != nil {
		return v, err
	}
	for _, m := range ms {
		v.Total += m.Total
	}
	v.Months = fillMonths(ms, p.From, p.To)
	v.MostCooperative, v.MostConflictual = rankPartners(v.Partners, 5)
	v.PartnerCount = len(v.Partners)
	if len(v.Partners) > 30 {
		v.Partners = v.Partners[:30]
	}
	return v, nil
}

// minRanked is the fewest events a partner needs to be ranked most
// cooperative or most conflictual: one friendly statement is no
// relationship.
const minRanked = 3

// rankPartners returns the partners with the highest and the lowest mean
// event scale, at most n of each, among those with cooperative
// (respectively conflictual) events and at least minRanked events.
func rankPartners(ps []store.Partner, n int) (coop, conflict []store.Partner) {
	for _, p := range ps {
		if p.Events < minRanked {
			continue
		}
		if p.MeanScale > 0 {
			coop = append(coop, p)
		}
		if p.MeanScale < 0 {
			conflict = append(conflict, p)
		}
	}
	sortBy(coop, func(a, b store.Partner) bool {
		return a.MeanScale > b.MeanScale || a.MeanScale == b.MeanScale && a.Events > b.Events
	})
	sortBy(conflict, func(a, b store.Partner) bool {
		return a.MeanScale < b.MeanScale || a.MeanScale == b.MeanScale && a.Events > b.Events
	})
	if len(coop) > n {
		coop = coop[:n]
	}
	if len(conflict) > n {
		conflict = conflict[:n]
	}
	return coop, conflict
}

func sortBy[T any](xs []T, less func(a, b T) bool) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func partnersOut(ps []store.Partner) []partnerOut {
	out := make([]partnerOut, len(ps))
	for i, p := range ps {
		out[i] = partnerOut{p.Code, p.Events, p.Quad[1] + p.Quad[2], p.Quad[3] + p.Quad[4], round2(p.MeanScale)}
	}
	return out
}

func (s *Server) apiActor(w http.ResponseWriter, r *http.Request) {
	p, err := pairOf(r, r.PathValue("code"), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.actorView(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Total == 0 && len(v.Partners) == 0 && len(v.Names) == 0 {
		apiError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no events involve actor %s", p.A))
		return
	}
	names := make([]string, len(v.Names))
	for i, n := range v.Names {
		names[i] = n.Key
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
		"code": v.Code, "names": names, "total": v.Total,
		"partners": partnersOut(v.Partners), "most_cooperative": partnersOut(v.MostCooperative),
		"most_conflictual": partnersOut(v.MostConflictual), "months": monthsOut(v.Months),
	}})
}

// docOut is a stored document in the API.
type docOut struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	Events    int    `json:"events"`
	Sources   int    `json:"sources"`
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pageOf(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ds, more, err := s.cfg.Store.Documents(r.Context(), r.URL.Query().Get("q"), limit, offset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]docOut, len(ds))
	for i, d := range ds {
		out[i] = docOut{publicID(d.ID), d.Title, d.URL, d.Source, d.Published, d.Events, d.Sources}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": out, "page": newPageInfo(r, limit, offset, more)})
}

// documentView is a stored document with its events, sources and the
// other reports of its events.
type documentView struct {
	Doc     document.Document
	Events  []store.Row
	Sources []string
	Reports []store.Report
}

func (s *Server) documentView(ctx context.Context, id string) (documentView, error) {
	var v documentView
	id, err := s.storedID(ctx, id)
	if err != nil {
		return v, err
	}
	if v.Doc, err = s.cfg.Store.Document(ctx, id); err != nil {
		return v, err
	}
	if v.Events, err = s.cfg.Store.Query(ctx, store.Filter{DocID: id}); err != nil {
		return v, err
	}
	sortBy(v.Events, func(a, b store.Row) bool { return a.Event.TextInfo.Start < b.Event.TextInfo.Start })
	if v.Sources, err = s.cfg.Store.Sources(ctx, id); err != nil {
		return v, err
	}
	for i, src := range v.Sources {
		v.Sources[i] = publicSource(src)
	}
	if v.Reports, err = s.cfg.Store.Reports(ctx, id, 500); err != nil {
		return v, err
	}
	v.Reports = otherReports(v.Reports)
	return v, nil
}

type reportOut struct {
	Cluster string `json:"cluster"`
	DocID   string `json:"doc_id"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	Date    string `json:"date"`
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	v, err := s.documentView(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reps := make([]reportOut, len(v.Reports))
	for i, x := range v.Reports {
		reps[i] = reportOut{x.Cluster, publicID(x.DocID), x.Title, x.Source, x.Date}
	}
	srcs := v.Sources
	if srcs == nil {
		srcs = []string{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
		"document": docJSON(v.Doc), "events": eventsOut(v.Events), "sources": srcs, "reports": reps,
	}})
}

// docJSON is a document as the API gives it, with its date as YYYY-MM-DD.
func docJSON(d document.Document) map[string]any {
	out := map[string]any{"id": publicID(d.ID), "title": d.Title, "url": d.URL, "source": d.Source, "text": d.Text}
	if !d.Date.IsZero() {
		out["date"] = d.Date.Format("2006-01-02")
	} else {
		out["date"] = ""
	}
	return out
}

// codeInput is an article to code, from the API's JSON or the page's form.
type codeInput struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	// Replace lets POST /api/v1/documents replace a stored document that
	// has the same id or URL and other text.
	Replace bool `json:"replace"`
}

// readInput decodes a JSON request body.
func readInput(r *http.Request, v any) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		return fmt.Errorf("%w: Content-Type %q: send a JSON body as application/json", errMediaType, r.Header.Get("Content-Type"))
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("the body is not the JSON this endpoint wants: %v", err)
	}
	return nil
}

// checkURL accepts an http or https URL with a host, the only addresses a
// document may have and the only ones the server fetches.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return badRequest("url %q: want an http or https URL, such as https://example.org/news/1 (or no url)", raw)
	}
	return nil
}

// fetches reports whether coding the input means fetching its URL.
func (in codeInput) fetches() bool { return strings.TrimSpace(in.Text) == "" && in.URL != "" }

// mayFetch refuses an input that would make the server fetch a page for a
// caller without the token; pasted text may be coded by anyone who may
// read.
func (s *Server) mayFetch(r *http.Request, in codeInput) error {
	if in.URL != "" {
		if err := checkURL(in.URL); err != nil {
			return err
		}
	}
	if in.fetches() && !s.authorised(r) {
		return errFetchNeedsToken
	}
	return nil
}

// document turns an input into a document: the pasted text (with an
// optional Title:/Date: header) or the page fetched from its URL.
func (s *Server) document(ctx context.Context, in codeInput) (document.Document, error) {
	var d document.Document
	var date time.Time
	if in.Date != "" {
		t, err := time.Parse("2006-01-02", in.Date)
		if err != nil {
			return d, badRequest("date %q: want YYYY-MM-DD", in.Date)
		}
		date = t
	}
	if in.URL != "" {
		if err := checkURL(in.URL); err != nil {
			return d, err
		}
	}
	switch {
	case strings.TrimSpace(in.Text) != "":
		var err error
		d, err = document.FromText([]byte(in.Text), in.ID)
		if err != nil {
			return d, badRequest("text: %v", err)
		}
		if in.URL != "" {
			d.URL = document.CanonicalURL(in.URL)
		}
	case in.URL != "":
		if s.cfg.Fetcher == nil {
			return d, badRequest("fetching URLs is disabled on this server; paste the text instead")
		}
		resp, err := s.cfg.Fetcher.Get(ctx, in.URL, false)
		if err != nil {
			if errors.Is(err, ingest.ErrPrivateAddress) {
				return d, err
			}
			return d, badRequest("could not fetch %s: %v", in.URL, err)
		}
		if document.IsHTML(resp.Body) || strings.Contains(resp.ContentType, "html") {
			d, err = document.FromHTML(bytes.NewReader(resp.Body), resp.URL)
		} else {
			d, err = document.FromText(resp.Body, in.ID)
			d.URL = resp.URL
		}
		if err != nil {
			return d, badRequest("%s: %v", in.URL, err)
		}
		d.ID = in.ID
	default:
		return d, badRequest("give the article's text or its URL")
	}
	if in.Title != "" {
		d.Title = in.Title
	}
	if in.Source != "" {
		d.Source = in.Source
	}
	if !date.IsZero() && d.Date.IsZero() {
		d.Date = date // the article's own Date: header wins
	}
	if d.URL != "" && checkURL(d.URL) != nil {
		return d, badRequest("the page names its address as %q, which is not an http or https URL", d.URL)
	}
	if d.ID == "" {
		d.ID = store.DocID(d)
	}
	return d, nil
}

// code codes a document once one of the server's coding slots is free,
// turning a coder's refusal into errUnprocessable; it returns errBusy when
// no slot frees up in time.
func (s *Server) code(ctx context.Context, d document.Document) ([]plover.Event, error) {
	if err := s.codings.enter(ctx); err != nil {
		return nil, err
	}
	defer s.codings.leave()
	evs, err := s.cfg.Coder.Code(d)
	if errors.Is(err, coder.ErrCut) {
		// A fetched page longer than the coder reads: its first part's
		// events.
		s.cfg.Logger.Warn("document cut", "id", d.ID, "err", err)
		return evs, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUnprocessable, err)
	}
	return evs, nil
}

func (s *Server) apiCode(w http.ResponseWriter, r *http.Request) {
	_, d, evs, err := s.codeRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]plover.Event, len(evs))
	for i, e := range evs {
		fixNil(&e)
		out[i] = e
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"document": docJSON(d), "events": out}})
}

// codeRequest reads a codeInput from the request body, makes its document
// and codes it.
func (s *Server) codeRequest(r *http.Request) (codeInput, document.Document, []plover.Event, error) {
	var in codeInput
	if err := readInput(r, &in); err != nil {
		return in, document.Document{}, nil, err
	}
	if err := s.mayFetch(r, in); err != nil {
		return in, document.Document{}, nil, err
	}
	d, err := s.document(r.Context(), in)
	if err != nil {
		return in, d, nil, err
	}
	evs, err := s.code(r.Context(), d)
	return in, d, evs, err
}

// save stores a coded document; replace lets it replace a stored one
// with the same id or URL and other text, which is otherwise refused
// (store.ErrConflict).
func (s *Server) save(ctx context.Context, d document.Document, evs []plover.Event, replace bool) (store.Result, error) {
	res, err := s.cfg.Store.Put(ctx, []store.Item{{Doc: d, Origin: "dyad serve", Events: evs, Replace: replace}})
	if err != nil {
		return store.Result{}, err
	}
	if res[0].Err != nil {
		if errors.Is(res[0].Err, store.ErrConflict) {
			return res[0], res[0].Err
		}
		return res[0], fmt.Errorf("%w: %v", errUnprocessable, res[0].Err)
	}
	return res[0], nil
}

func (s *Server) apiPutDocument(w http.ResponseWriter, r *http.Request) {
	in, d, evs, err := s.codeRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.save(r.Context(), d, evs, in.Replace)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if res.Outcome == store.Inserted {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/documents/"+url.PathEscape(res.DocID))
	}
	writeJSON(w, status, map[string]any{"data": map[string]any{"id": res.DocID, "outcome": res.Outcome.String(), "events": len(evs)}})
}

// ingestInput lists pages and feeds to ingest.
type ingestInput struct {
	URLs []string `json:"urls"`
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	var in ingestInput
	if err := readInput(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if s.cfg.Fetcher == nil {
		s.fail(w, r, badRequest("fetching URLs is disabled on this server"))
		return
	}
	if len(in.URLs) == 0 || len(in.URLs) > 100 {
		s.fail(w, r, badRequest("urls: give 1 to 100 page or feed URLs"))
		return
	}
	for _, u := range in.URLs {
		// Only URLs: a path would read the server's own files.
		if err := checkURL(u); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	ing, ok := s.cfg.Store.(ingest.Store)
	if !ok {
		s.fail(w, r, errors.New("the store cannot ingest"))
		return
	}
	errs := &errList{}
	p := &ingest.Pipeline{Coder: gatedCoder{s, r.Context()}, Store: ing, Fetcher: s.cfg.Fetcher, Workers: 2, Progress: errs}
	sum, err := p.Run(r.Context(), in.URLs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
		"documents": sum.Documents, "inserted": sum.Inserted, "replaced": sum.Replaced, "duplicates": sum.Duplicates,
		"skipped": sum.Skipped, "events": sum.Events, "errors": errs.list(), "interrupted": sum.Interrupted,
	}})
}

// gatedCoder codes through the server's coding slots, so that ingest
// requests count against the same bound as the others.
type gatedCoder struct {
	s   *Server
	ctx context.Context
}

func (g gatedCoder) Code(d document.Document) ([]plover.Event, error) { return g.s.code(g.ctx, d) }

// errList collects an ingest run's errors.
type errList struct {
	mu   sync.Mutex
	errs []string
}

func (l *errList) Document(int) {}

func (l *errList) Error(err error) {
	l.mu.Lock()
	l.errs = append(l.errs, err.Error())
	l.mu.Unlock()
}

func (l *errList) list() []string {
	if l.errs == nil {
		return []string{}
	}
	return l.errs
}

// filterOf reads an event filter as filterOf does, and finds the stored ID
// of a document named by its public ID.
func (s *Server) filterOf(ctx context.Context, q url.Values) (store.Filter, error) {
	f, err := filterOf(q)
	if err != nil || f.DocID == "" {
		return f, err
	}
	if id, err := s.storedID(ctx, f.DocID); err == nil {
		f.DocID = id
	}
	return f, nil
}

// otherReports keeps one report of each other document, the earliest
// event date first, then by outlet and title, so that "Also reported by"
// names each document once and in the order the news came out.
func otherReports(rs []store.Report) []store.Report {
	seen := map[string]bool{}
	out := rs[:0:0]
	sortBy(rs, func(a, b store.Report) bool {
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Title < b.Title || a.Title == b.Title && a.DocID < b.DocID
	})
	for _, r := range rs {
		if !seen[r.DocID] {
			seen[r.DocID] = true
			out = append(out, r)
		}
	}
	return out
}
