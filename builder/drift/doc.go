// Package drift checks a Markdown document's code tables, JSON examples and
// code mentions against a Registry.
//
// API reference docs rot: a table says close code 4004 means "authentication
// failed" long after the server changed it. The Registry, generated from the
// API's spec of its codes, is the single source of truth; drift compares
// every table row, JSON example and prose mention of a code with it and
// reports each difference as a diag.Problem, so the build fails on drift.
// The package knows nothing about any particular API: the codes, the column
// names and the phrases that introduce a code are all data.
//
// # Markers
//
// A table is bound to a Group by an HTML comment on its own, right above
// it (blank lines between are fine):
//
//	<!-- codes: close-codes -->
//
//	| code | description   | action | meaning                         |
//	| ---- | ------------- | ------ | ------------------------------- |
//	| 4000 | unknown error | resume | unknown error, try reconnecting |
//
// White space may appear around each part of the marker, line breaks
// included, but the form is exactly "<!--", "codes", ":", NAME, "-->", where
// NAME is a group's Name (letters, digits, '.', '_', '-'). A comment whose
// first word is "codes" but does not parse is an error, not an ordinary
// comment, so a typo never silently unbinds a table. It is also an error for
// a marker to name an unknown group, to be followed by a block other than a
// table, or to be followed by nothing. A table not bound by a marker whose
// first header cell is "code" (any case) is an error too: it looks like a
// code table, and a code table nobody checks is what drifts.
//
// # Bound tables
//
// The header of a bound table must have a "code" column, in any position,
// or, for a group with a CodeHeader, a column of that header ("Number",
// "Status"); a column headed "code" is then an ordinary one.
// Other header cells are matched, case-insensitively after normalization, to
// the group's Columns; a cell matching none is a prose column and never
// checked, and a known column may be left out of a table. Naming the code
// column or a known column twice is an error. Then:
//
//   - Each row's code cell holds a decimal code (4004, or -32600), a range
//     written with trailing x's (5xx; X's are accepted) or an explicit range
//     (4000-4999, with a hyphen or an en dash), or, in a group of Strings, a
//     string code (FAILED_VALIDATION, usually in a code span). The cell may
//     hold the code's name beside it, as real reference pages write them:
//     "200 (OK)", "`404` Not Found", "4004: Authentication failed",
//     "4004 - Authentication failed", "Not Found (404)". When the group has
//     a CodeWith column, that text must be the entry's text for the column,
//     reported at the name; without one, a name beside the code is an
//     error. The code must be an entry of the group, as written: a row 503
//     is unknown even when the group has 5xx, and 502 may be an entry of its
//     own inside 5xx. A row for an entry marked Omit is an error, as is a
//     second row for the same code.
//   - Every entry not marked Omit must have a row. A missing row is reported
//     at the row it should precede, or at the last row if it goes at the end,
//     with the row to paste: the code, the spec's text for known columns and
//     "…" for prose columns.
//   - Rows must follow the order of the group's Entries. Only rows outside a
//     longest run already in order are reported, so the report names the
//     fewest rows to move.
//   - A cell under a known column must equal the entry's field, both
//     normalized. An entry without a field for a column leaves that column
//     unchecked. For a column of ColumnGroups the message also says when
//     the cell is not a code of that group at all.
//
// Check marks bound tables in the AST for rendering: the Table gets
// class="code-table" and each row id="ANCHOR-CODE" (id="close-4004",
// id="http-5xx"), so pages can link to a code. goldmark's table renderer
// renders both attributes.
//
// # Normalization
//
// Cells and spec texts are compared by their normalized text: the plain text
// of their inline Markdown, as it reads once rendered (code spans, emphasis,
// strong, strikethrough, link and image text and autolinks give their text,
// raw HTML is dropped, backslash escapes and entities are resolved), with runs
// of white space collapsed to one space and the ends trimmed. The comparison
// is case-sensitive. New normalizes spec texts by parsing each as the single
// cell of a GFM table, so a spec text means exactly what it would in a table.
//
// # JSON examples
//
// In fenced code blocks whose info string language is json, jsonc or json5
// (indented code blocks have no language and are not checked), every
// integer value of a key listed in some group's JSONKeys ("code": 50014,
// 'code': -1, or code: 5 in JSON5) must be a code of that group. Omitted
// entries count as existing, and a range entry covers every code of its
// length and prefix: 5xx covers 503. The block is lexed, not parsed, so
// examples with comments, trailing commas or "..." are still checked;
// fractions and hex numbers are not codes. For a group of Strings it is the
// string values of its keys that must be codes ("code": "card_declined").
//
// # Go examples
//
// In fenced code blocks whose language is go or golang, every selector
// PKG.Name whose PKG is the Name of one of the Registry's Packages and
// whose Name is exported must be one of that package's Exported names, so
// an example keeps compiling against the package it shows. The block is
// scanned, not parsed, so fragments are checked too; comments and strings
// are skipped, and x.PKG.Name (a field that happens to share the package's
// name) is not a use of the package. The hint names the closest exported
// names.
//
// # Mentions
//
// Prose is the inline text of paragraphs, headings, list items, table cells
// (of any table, bound or not) and block quotes, outside code spans, code
// blocks, autolinks and link URLs; link text is prose. In prose, a mention is
// one of a group's Mentions phrases, matched case-insensitively (ASCII) on
// word boundaries, with any run of white space between its words, followed by
// white space and a code list:
//
//	list = code { sep code }
//	code = digit { digit } { "x" | "X" }     ending on a word boundary
//	sep  = [ws] "," ws [ ("and" | "or") ws ] | ws ("and" | "or") ws
//	     | [ws] "&" [ws] | [ws] "/" [ws]
//
// So "opcode 6 & 7", "close codes 4000, 4001 and 4002", "status codes 4xx or
// 5xx" and "opcodes 6/7" all mention codes. A number followed by "." or ","
// and a digit is not a code ("HTTP 1.1", "10,000"), and a phrase not followed
// by a code is no mention ("HTTP response"). The list ends at the first thing
// that is not a separator and a code. At each word the longest phrase that
// starts a mention wins, so "JSON error code 5" is a JSON error code even if
// "error code" is a phrase of its own.
//
// Codes of a group of Strings are mentioned in a code span after the
// phrase: "the error code `card_declined`".
//
// A mentioned code must be a code of the phrase's group, Omit entries
// included. A range mention (4xx) is valid when it overlaps an entry: some
// entry code has its prefix (404), or an entry range equals or contains it.
// Negative codes are not recognized in prose, where "-" is a dash.
//
// A mentioned code must also be listed by the page's own table of that
// group, when the page has one: prose that names opcodes 6 and 7 above an
// opcode table without rows for them has drifted, whichever of the two is
// stale. Omit entries may be mentioned all the same. For this rule an
// unbound code table counts as a table of the group that holds most of its
// codes (then shares most of its columns), and the same guess names the
// marker to add in the unbound table's hint.
//
// # Messages
//
// A group's first Mention, which should therefore be singular, names one of
// its codes in messages ("unknown close code 4006 ..."); a group without
// mentions says "code". Every problem comes with a one-line hint, and all
// problems of a document are returned at once, sorted by position.
package drift
