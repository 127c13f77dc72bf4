// Package dict loads dyad's dictionaries: the data files that tell the coder
// which words name countries, organisations, people and roles, and which
// words and phrases report which PLOVER events.
//
// In: an fs.FS holding the files below (the embedded defaults, a user's
// directory laid over them with --dict, or an fstest.MapFS in tests).
// Out: a *Dictionaries value, or every problem found as "file:line: message".
//
// All files are UTF-8 text. A '#' starts a comment that runs to the end of
// the line; blank lines are ignored. Each file repeats the part of this
// documentation that concerns it at its top.
//
// # Phrases
//
// Names and patterns are written as words separated by spaces. Words are
// matched against tokens: proper names (any word with a capital letter)
// match a token with the same letters that is itself capitalised, so
// "Niger" does not match "niger" and "Turkey" does not match "turkey"; a
// word written all in capitals (an acronym: "US", "NATO", "IS") matches only
// that exact spelling; lower-case words match any case and are compared by
// lemma, so "soldier" matches "soldiers" and "withdraw" matches "withdrew".
// Punctuation inside a name is its own token ("U.S." is one token; "al-Qaeda"
// is one token; "Côte d'Ivoire" is two).
//
// # countries.txt
//
// One record per country or PLOVER entity code. A record starts with a line
// "CODE: Canonical Name" at the left margin; the indented lines after it are
// "key: value; value; ...". Keys:
//
//	names        other names and short names ("United States of America; US; U.S.; America")
//	adjectives   adjectives and noun modifiers ("American; US; U.S.")
//	demonyms     words for the people, plural ("Americans"); coded CVL
//	capitals     the capital and other seats of government; stand for the government (GOV)
//	institutions named bodies of that state, each "Name = SECTOR [SECTOR...]"
//	             ("Pentagon = MIL GOV; Kremlin = GOV; Knesset = LEG");
//	             partially recognised entities are listed here with PRE
//	             ("Transnistria = PRE GOV")
//	former       former names ("Swaziland"), matched like names
//	territories  dependencies folded into this state ("Puerto Rico; Guam")
//	regions      regions the country belongs to, as named in regions.txt
//	             ("West Africa; Sahel; Africa")
//	traits       words that describe it in news ("landlocked; island; oil-rich")
//
// # regions.txt
//
// One line per region: "Region Name | adjective; adjective". The adjectives
// let a description such as "the West African nation" find the country it
// refers back to.
//
// # organizations.txt and people.txt
//
// One line per entity or term of office:
//
//	names | CODE | SECTOR [SECTOR...] | office | from | to
//
// names is a ';'-separated list, canonical name first. CODE is a country
// code from countries.txt or a PLOVER non-state code (IGO, UNO, EUR, NGO,
// ISM, IMG, MNC). The last three fields are optional. from and to are
// YYYY-MM-DD dates, either may be empty (open). A person with several terms
// has one line per term, with the same canonical name first. On a date
// outside every term the person is coded as the country's ELI (former
// official); a line without dates gives the sector used outside terms
// instead.
//
// # agents.txt
//
// One line per role: "phrase; phrase | SECTOR [SECTOR...]". Phrases use the
// pattern syntax below without slots ("defense|defence ministry"). An agent
// takes its country from a country word before it ("Nigerien officials",
// "Niger's army"), an "of" or "from" phrase after it ("officials from
// Niger"), a capital after "in" ("authorities in Niamey"), or the nearest
// country in the text before it.
//
// # contexts.txt
//
// One line per context: "context | cue; cue phrase". Every event of a
// sentence containing a cue gets the context.
//
// # guards.txt
//
// One line per guard: "guard | word; word". A guard names words that show
// a sentence reports something other than political events; the coder
// knows "sport" (a score and one of its words make a match report, not an
// assault). Words are matched as plain lower-case text.
//
// # classes.txt
//
// Named sets of words that trigger patterns use as one alternative, one
// line per class: "@name | word; word; ...". A pattern item "@goods"
// (or "@goods|help") matches any word of the class, compared by lemma as
// pattern words are: "deliver * @goods to $R" matches "delivered 5,000
// tonnes of flour to Gaza". An overlay's class replaces the built-in one
// for every trigger; a class no file defines is an error at the trigger's
// line. The file is optional.
//
// # grammar.txt
//
// The closed-class words the grammar of the events and coder stages reads,
// one list a line: "name | word; word; ...". The names are those of
// GrammarNames (prepositions that say where, verbs of intent and refusal,
// words of quantity and amount, the nouns and prepositions that introduce
// place names, direction words); an unknown name is an error. Words are
// lower-case forms compared as written. An overlay's list replaces the
// built-in one of the same name.
//
// # events.txt
//
// One line per trigger, fields separated by " | " (a bar with a space on
// each side; a bar between words is an alternative inside a pattern):
//
//	CATEGORY [mode] [+context ...] [=SECTOR] [~] [^] | KIND | pattern [| cameo]
//
// CATEGORY is one of PLOVER's 16 categories, mode one of its modes for that
// category, contexts from PLOVER's context list. =SECTOR names the actor
// the trigger entails when the text names none: "activists were
// arrested" were arrested by police (=COP), "was sentenced" by a court
// (=JUD); the coder gives that actor the country where the event happened.
// ~ marks a two-sided act whose recipient is a party rather than a
// target ("exchanged fire with", "clashed with"): both sides are coded as
// actors, as PLOVER codes reciprocal events. ^ marks an arrival, whose
// event depends on who arrives: a state's armed forces arriving in another
// state come as military aid (AID), officials on a visit (CONSULT visit),
// and anyone else's arrival ("refugees arrived in Chad") is no event.
// KIND is V for a verb
// trigger, whose actor is the subject of its clause (or the agent after
// "by" in the passive), or N for a noun trigger, whose actor is a $A slot,
// a possessive or adjective before it ("Russia's invasion", "the American
// withdrawal"), an agent after "by", or the subject of the clause whose verb
// governs it ("Mali expelled the ambassador"), or M for a modal of
// obligation in reported speech ("Paris said Bamako must release the
// hostages"): its actor is the speaker, its recipient the modal's subject,
// or H for a verb of hosting ("Scholz received Zelenskiy", "Diop was
// received in Moscow by Lavrov"), read as V with the roles swapped, since
// PLOVER makes the visitor the actor and the host the recipient.
// cameo is the nearest CAMEO code.
//
// A pattern is a list of items separated by spaces:
//
//	word     a token whose lemma is the word's lemma
//	a|b|c    any one of the words
//	item?    the item may be absent
//	*        up to four tokens that are not punctuation
//	$R       the recipient: an actor mention, after an optional determiner
//	$A       an actor mention in the actor role (N patterns, "between $A and $A")
//
// The first word of a pattern is its anchor; tense, negation and mood are
// read around it. Without $R the recipient of a V trigger is the first actor
// mention after it in its clause. The longest pattern that matches at a
// position wins; several patterns may fire in one sentence.
package dict
