package importer

// Draft is what a reader found in one file, before the numbering is
// rebuilt: metadata from the document's own metadata and from its cover
// line (kept apart so Build can cross-check them), the preamble and the
// operative part as a flat list of items.
type Draft struct {
	Format Format
	File   string

	// MetaSymbol and MetaDate come from the document's metadata (AKN
	// FRBRWork); "" when the format has none.
	MetaSymbol string
	MetaDate   string
	// CoverSymbol, CoverDate and Meeting come from the cover lines
	// ("S/RES/2098 (2013)", "Adopted ... at its 6943rd meeting, on 28 March 2013").
	CoverSymbol string
	CoverDate   string
	Meeting     int
	// NotResolution is set by a reader that knows from the metadata that
	// the document is something else (a presidential statement); it says what.
	NotResolution string

	Preamble []Para
	Items    []Item
}

// Para is a preambular paragraph.
type Para struct {
	Text  string
	Links []string // href or link targets found in the paragraph
}

// Item is one block of the operative part as the file stores it.
type Item struct {
	// Num is the item's number as printed ("12.", "(a)", "(iv)", "–"),
	// or "" for an unnumbered block (a heading or a continuation).
	Num  string
	Text string
	// Depth is the nesting depth the file gives the item: 0 for a
	// paragraph of the main body, 1 for a point of its list, 2 for a
	// point of a sublist, and so on. Flattened files put every item at 0;
	// the numbering then decides.
	Depth int
	// Heading is true when the file marks the block as a heading
	// (subheading, crossHeading, heading elements).
	Heading bool
	// Emphasised is true when the file prints all of the item's text in
	// bold or italics (AKN span class), as titles of sub-items are
	// (2149's "30(b) Support for the implementation of the transition
	// process, ..." is 22 words, too long to read as a heading by its
	// words alone).
	Emphasised bool
	Links      []string
	// Place says where the item is in the file, for messages: a line
	// number, an element id or an array index.
	Place string
}
