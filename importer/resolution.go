// Package importer reads Security Council resolutions published as Akoma
// Ntoso XML (AKN4UN), as the EOSG paragraph JSON, or as plain text copied
// from an official document, into one representation: a Resolution with its
// symbol, adoption date, meeting, Chapter VII status, the missions it
// concerns, its citations and every operative paragraph and sub-item as a
// Clause with a canonical locator ("12", "12(a)", "12(a)(i)", "35(i)(a)").
//
// The three readers only turn a file into a Draft (metadata as found, the
// preamble and a flat list of numbered or unnumbered Items); Build does the
// rest the same way for every format, so the formats cannot drift apart.
// Nothing here touches storage.
package importer

// Format names the kind of file a resolution was read from.
type Format string

// The formats the importer reads.
const (
	FormatAKN  Format = "akn"  // Akoma Ntoso XML (AKN4UN)
	FormatEOSG Format = "eosg" // EOSG paragraph JSON
	FormatText Format = "text" // plain text copied from an official document
)

// Resolution is one Security Council resolution as imported.
type Resolution struct {
	Symbol     string // canonical, e.g. "S/RES/2098(2013)"
	Number     int
	Year       int
	Adopted    string // YYYY-MM-DD; "" when no source of the file gives a valid date
	Meeting    int    // meeting number from the cover line; 0 when absent
	ChapterVII bool   // the text says it acts under Chapter VII of the Charter
	// Missions are the mission ids (acronyms of the embedded mission table)
	// the text names, by acronym or by full name, sorted.
	Missions []string
	// UnknownAcronyms are mission-like acronyms (UN..., MINU..., MONU...)
	// the text uses that neither the mission table nor its list of
	// non-mission UN bodies knows, sorted.
	UnknownAcronyms []string
	Clauses         []Clause   // operative paragraphs and sub-items, in document order
	Citations       []Citation // resolutions and presidential statements cited, in order of first citation
	Source          Source
	// Folded counts items that have no canonical locator of their own
	// (bullets, "(1)" items, sub-items nested below the second level) and
	// whose text was appended to the clause they belong to.
	Folded int
}

// Clause is one operative paragraph or sub-item.
type Clause struct {
	Locator string // canonical locator: "12", "12(a)", "12(a)(i)", "35(i)(a)"
	Parent  string // locator of the enclosing paragraph or item; "" for a top-level paragraph
	// Text is the official text, whitespace-normalised. It goes into the
	// graph only when a user imports their own files.
	Text string
	// Heading is true for a numbered item that only titles the items
	// below it (2098's "12(a) Protection of civilians").
	Heading bool
	// Headings are the section headings and heading items in force where
	// the clause stands, outermost first; the clause's own text is not one.
	Headings []string
	// Cites are the symbols the clause cites, in order, without repeats.
	Cites []string
}

// Part says where in a resolution a citation stands.
type Part string

// The parts of a resolution.
const (
	Preamble  Part = "preamble"
	Operative Part = "operative"
)

// Citation is one document cited by a resolution, at its first citation.
type Citation struct {
	Symbol  string // "S/RES/1925(2010)" or "S/PRST/2012/28"
	Part    Part
	Locator string // the clause's locator when Part is Operative
	Link    bool   // true when the file links it, false for a plain-text reference
}

// Source records where a resolution was read from.
type Source struct {
	Format Format
	File   string
	// URL is the official document link, https://undocs.org/<symbol>.
	URL string
	// Also are other files with the same symbol and identical content.
	Also []string
}
