// Package eval scores dyad's coding against gold data.
//
// In: gold files in one of two formats, and a coder. Out: a Report with
// per-category precision, recall and F1, a confusion matrix, actor,
// recipient and date accuracy on matched events, and the lists of misses and
// false alarms with their sentences.
//
// # PLOVER GSR files
//
// The JSON array published with PLOVER (PLOVER_GSR_CAMEO.txt): one record
// per sentence with "text", "event", "source" and "target". Older category
// names are mapped as the manual's CAMEO table says: DEMAND → REQUEST,
// DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT. The DOCUMENT record
// is skipped. Each record is one document with one gold event.
//
// # dyad gold files (*.gold)
//
// A gold file holds one or more documents: a whole article, or a single
// sentence of a development set. Lines starting with '#' outside a text are
// comments.
//
//	=== us-niger-talks              a document starts; the rest of the line is its id
//	date: 2024-05-19                publication date (required)
//	title: ...                      optional
//	text:                           the text follows, up to the line "events:"
//	The US and Niger held talks in Niamey on Sunday. ...
//	events:
//	CONSULT | USA, NER | - | 2024-05-19
//	SANCTION:discontinue, REJECT | NER GOV | FRA | 2023-12 | secondary
//
// An event line has four or five '|'-separated fields:
//
//  1. categories: the expected PLOVER category, optionally with ":mode",
//     then other categories an expert would also accept, comma-separated;
//  2. actor entities, comma-separated, each "CODE" or "CODE SECTOR", or
//     "- SECTOR" for one whose sector the text gives but no country
//     ("Gunmen killed five villagers": "- UAF"); or "-" when the text
//     names no actor and none is entailed ("two journalists were killed");
//  3. recipient entities in the same form, or "-" for none;
//  4. the date, as YYYY, YYYY-MM or YYYY-MM-DD, or "-" when not scored;
//  5. optionally "secondary" for an event a careful coder may leave out:
//     missing it costs no recall, finding it costs no precision.
//
// A document whose events: section holds the single word "none" must yield
// no event at all.
//
// # Matching
//
// A coded event matches a gold event of the same document when (1) its
// category is the gold category or one of the accepted alternatives, and
// (2) its actor codes overlap the gold actor codes, or, for a reciprocal
// gold event, either side's codes; a gold actor without a country ("-
// UAF") overlaps a coded actor of its sector, and a gold event without an
// actor matches on its category alone. Each gold event matches at most one
// coded event, greedily in document order, preferring coded events whose
// actor and recipient also agree. Actors (whole: the same set of codes),
// actor countries and actor sectors (each gold actor found among the
// coded ones), recipients and dates are scored on the matched pairs only,
// as accuracies. A date matches when it agrees with the gold date to the
// gold date's precision.
//
// Two figures do without matching: the share of core gold events whose
// category is among the categories coded for their document, whoever the
// actors (how a monitor that counts events by type and place reads
// dyad), and the share of documents marked "none" that yield no event.
package eval
