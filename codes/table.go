package codes

import "strconv"

// Table is one group of codes as the docs show it. The docs builder checks
// the docs' tables, prose and JSON examples against Tables.
type Table struct {
	Name     string   // marker name: "opcodes", "close-codes", "http-statuses", "json-codes"
	Title    string   // for messages, e.g. "gateway close codes"
	Anchor   string   // row anchor prefix: "close" gives close-4004
	Columns  []string // the table's known columns besides "code", as in its header
	Mentions []string // phrases that introduce codes in prose: "close code 4004"
	JSONKeys []string // keys whose values are codes in JSON examples
	Rows     []Row
}

// Row is one code of a Table.
type Row struct {
	Code   string            // "4004", or a range such as "5xx"
	Fields map[string]string // column -> cell text exactly as in the spec (Markdown kept)
	Omit   string            // why the docs leave it out of tables; "" if they don't
}

// Tables holds every group, in the order of the spec and the docs.
var Tables = []Table{
	{
		Name:     "opcodes",
		Title:    "gateway opcodes",
		Anchor:   "op",
		Columns:  []string{"name", "action", "meaning"},
		Mentions: []string{"opcode", "opcodes", "op code", "op codes"},
		JSONKeys: []string{"op"},
		Rows: rows(Opcodes, func(i OpcodeInfo) Row {
			return Row{
				Code:   strconv.Itoa(int(i.Code)),
				Fields: map[string]string{"name": i.Name, "action": i.Direction.String(), "meaning": i.Meaning},
				Omit:   i.Omit,
			}
		}),
	},
	{
		Name:     "close-codes",
		Title:    "gateway close codes",
		Anchor:   "close",
		Columns:  []string{"description", "action", "meaning"},
		Mentions: []string{"close code", "close codes"},
		Rows: rows(CloseCodes, func(i CloseCodeInfo) Row {
			return Row{
				Code:   strconv.Itoa(int(i.Code)),
				Fields: map[string]string{"description": i.Description, "action": i.Action.String(), "meaning": i.Meaning},
				Omit:   i.Omit,
			}
		}),
	},
	{
		Name:     "http-statuses",
		Title:    "HTTP status codes",
		Anchor:   "http",
		Columns:  []string{"name", "meaning"},
		Mentions: []string{"status code", "status codes", "HTTP status", "HTTP"},
		Rows: rows(HTTPStatuses, func(i HTTPStatusInfo) Row {
			return Row{
				Code:   i.Code,
				Fields: map[string]string{"name": i.Name, "meaning": i.Meaning},
				Omit:   i.Omit,
			}
		}),
	},
	{
		Name:     "json-codes",
		Title:    "JSON error codes",
		Anchor:   "json",
		Columns:  []string{"meaning"},
		Mentions: []string{"JSON error code", "JSON error codes", "JSON code", "JSON codes", "error code", "error codes"},
		JSONKeys: []string{"code"},
		Rows: rows(JSONCodes, func(i JSONCodeInfo) Row {
			return Row{
				Code:   strconv.Itoa(int(i.Code)),
				Fields: map[string]string{"meaning": i.Meaning},
				Omit:   i.Omit,
			}
		}),
	},
}

func rows[T any](list []T, row func(T) Row) []Row {
	r := make([]Row, len(list))
	for i, v := range list {
		r[i] = row(v)
	}
	return r
}
