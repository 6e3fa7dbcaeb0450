package drift

// Registry is the data the docs are checked against: the groups of codes a
// table can be bound to, and how prose and JSON examples refer to them.
// The builder receives it as plain data so it never depends on any one API's
// codes package.
type Registry struct {
	Groups []Group
	// Packages are Go packages whose identifiers code examples use.
	Packages []Package
}

// Package is a Go package that Go code examples use, such as a generated
// codes package: in a Go code block, every selector NAME.X must be one of
// its Exported identifiers, so an example cannot keep using a constant
// that was renamed or removed.
type Package struct {
	// Name is the package name examples use, e.g. "codes".
	Name string
	// Exported lists the package's exported identifiers.
	Exported []string
}

// Group is one set of codes, e.g. the gateway close codes.
type Group struct {
	// Name is what a marker uses to bind a table: <!-- codes: close-codes -->.
	Name string
	// Title names the group in messages, e.g. "gateway close codes".
	Title string
	// Anchor prefixes the id given to each bound row: "close" gives
	// id="close-4004" on the row for code 4004 ("close-5xx" for a range).
	Anchor string
	// Columns lists the table columns the group knows, besides "code", as
	// their headers are spelled (compared case-insensitively). Columns of a
	// bound table not listed here are free prose and never checked.
	Columns []string
	// Mentions are the phrases that introduce a code of this group in prose,
	// e.g. "opcode" and "opcodes": "opcode 6 & 7" mentions codes 6 and 7.
	// Compared case-insensitively, on word boundaries.
	Mentions []string
	// JSONKeys are the object keys whose numeric values in JSON code blocks
	// are codes of this group, e.g. "code" for JSON error codes.
	JSONKeys []string
	// Entries are the group's codes, in the order tables must list them.
	Entries []Entry

	// Strings says the group's codes are strings, such as
	// FAILED_VALIDATION or card_declined, rather than numbers: compared
	// exactly, in tables, in JSON examples' string values and in prose.
	Strings bool
	// CodeHeader is the header of the code column of the group's tables
	// when it is not "code", such as "Number" or "Status" (compared
	// case-insensitively). A column headed "code" is then an ordinary
	// column, as in gRPC's tables, where it holds the codes' names.
	CodeHeader string
	// CodeWith is the column, one of Columns, whose text a table's code
	// cell holds beside the code: "200 (OK)", "`404` Not Found",
	// "4004: Authentication failed". Both parts of such a cell are
	// checked. Empty: code cells hold the code alone.
	CodeWith string
	// ColumnGroups maps a column, one of Columns, to the group whose codes
	// its cells hold, such as the HTTP status an error code comes with;
	// such a cell's code must be one of that group's.
	ColumnGroups map[string]string
}

// Entry is one code of a group.
type Entry struct {
	// Code is a decimal code ("4004"), a range written with trailing x's
	// ("5xx"), which stands for every code with that prefix, or an explicit
	// range ("4000-4999"); in a group of Strings, the code as written. An
	// exact code inside a range is an entry of its own, which a lookup
	// finds before the range.
	Code string
	// Fields maps a column name from Group.Columns to the text its cell must
	// have. The text may use inline Markdown; it is normalized like a cell.
	Fields map[string]string
	// Omit marks an entry the docs deliberately leave out of tables, e.g. an
	// internal code. Tables must not list it; mentions of it are still valid.
	Omit bool
}
