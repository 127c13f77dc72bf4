package plover

// Entity is one member of an event's actor or recipient list. The JSON names
// follow the PLOVER manual's "Information object for entities"; Start and End
// are ours: byte offsets of EntityText in the original document.
type Entity struct {
	Code           string `json:"code"`
	Sector         string `json:"sector,omitempty"`
	EntityText     string `json:"entity_text"`
	IdentifierText string `json:"identifier_text,omitempty"`
	Office         string `json:"office,omitempty"`
	Start          int    `json:"start"`
	End            int    `json:"end"`
}

// Location is PLOVER's location object for event_loc, with the byte span of
// the extracted place name in the original document.
type Location struct {
	ExtractedPlace string  `json:"extracted_place"`
	ResolvedPlace  string  `json:"resolved_place,omitempty"`
	Lat            float64 `json:"lat"`
	Lon            float64 `json:"lon"`
	Province       string  `json:"province,omitempty"`
	Country        string  `json:"country,omitempty"`
	CountryCode    string  `json:"country_code,omitempty"`
	FeatureClass   string  `json:"feature_class,omitempty"`
	FeatureCode    string  `json:"feature_code,omitempty"`
	Resolution     int     `json:"resolution,omitempty"`
	Start          int     `json:"start"`
	End            int     `json:"end"`
}

// TextInfo locates the coded sentence in the document: its sequence number
// (0-based) and byte offsets into the original text.
type TextInfo struct {
	Sequence int `json:"sequence"`
	Start    int `json:"start"`
	End      int `json:"end"`
}

// CiteInfo is PLOVER's citation object.
type CiteInfo struct {
	URL         string `json:"url,omitempty"`
	Title       string `json:"title,omitempty"`
	Publication string `json:"publication,omitempty"`
	Coder       string `json:"coder,omitempty"`
	Codebook    string `json:"codebook,omitempty"`
}

// Span is a byte range in the original document.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Event is one PLOVER event record. Field names follow the PLOVER manual's
// JSON table; the fields after CiteInfo are dyad's own where PLOVER has none.
type Event struct {
	ID         string    `json:"id"`
	Date       string    `json:"date"`
	Actor      []Entity  `json:"actor"`
	Recipient  []Entity  `json:"recipient"`
	Event      []string  `json:"event"`
	Mode       []string  `json:"mode"`
	Context    []string  `json:"context"`
	QuadCode   int       `json:"quad_code"`
	EventScale float64   `json:"event_scale"`
	EventText  []string  `json:"event_text"`
	EventLoc   *Location `json:"event_loc,omitempty"`
	Text       string    `json:"text"`
	TextInfo   TextInfo  `json:"text_info"`
	CiteInfo   CiteInfo  `json:"cite_info"`

	// DocID identifies the document the event was coded from.
	DocID string `json:"doc_id"`
	// DatePrecision says how much of Date the text gives: "day", "week",
	// "month", "year", or "publication" when the text gives no date and the
	// publication date stands in.
	DatePrecision string `json:"date_precision"`
	// Deadline is a date (YYYY-MM-DD) by which the event is to be completed,
	// when the text gives one ("no later than September 15, 2024").
	Deadline string `json:"deadline,omitempty"`
	// Attribution lists who the text says reported the event ("according to
	// Zeine", "officials said").
	Attribution []Entity `json:"attribution,omitempty"`
	// Cameo is the nearest CAMEO event code and Goldstein its score.
	Cameo     string  `json:"cameo,omitempty"`
	Goldstein float64 `json:"goldstein"`
	// EventSpans are the byte spans of the trigger words in EventText.
	EventSpans []Span `json:"event_spans"`
	// Rule names the dictionary entry that fired, as file:line.
	Rule string `json:"rule"`
}
