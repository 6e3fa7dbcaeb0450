// Package kettureg hands the kettu codes to the generic drift check, so the
// builder never depends on kettu: cmd/kettudocs and the theme's tests check
// the kettu docs through it.
//
// The codes come from codes/codes.yaml, generated into zz_registry.go
// beside the client package codes/zz_codes.go by the same go generate run,
// so the docs and the client can't disagree. What only the docs need (the
// rows as Markdown, marker names, mention phrases, the list of codes.X
// names) lives here, not in the client's API.
package kettureg

//go:generate go run kettudocs/cmd/gencodes -spec ../../codes/codes.yaml -out ../../codes/zz_codes.go -registry zz_registry.go

import "kettudocs/builder/drift"

// groups says how each group of the spec appears in the docs, in the order
// of the spec and the docs.
var groups = []drift.Group{
	{
		Name:     "opcodes",
		Title:    "gateway opcodes",
		Anchor:   "op",
		Columns:  []string{"name", "action", "meaning"},
		Mentions: []string{"opcode", "opcodes", "op code", "op codes"},
		JSONKeys: []string{"op"},
	},
	{
		Name:     "close-codes",
		Title:    "gateway close codes",
		Anchor:   "close",
		Columns:  []string{"description", "action", "meaning"},
		Mentions: []string{"close code", "close codes"},
	},
	{
		Name:     "http-statuses",
		Title:    "HTTP status codes",
		Anchor:   "http",
		Columns:  []string{"name", "meaning"},
		Mentions: []string{"status code", "status codes", "HTTP status", "HTTP"},
	},
	{
		Name:     "json-codes",
		Title:    "JSON error codes",
		Anchor:   "json",
		Columns:  []string{"meaning"},
		Mentions: []string{"JSON error code", "JSON error codes", "JSON code", "JSON codes", "error code", "error codes"},
		JSONKeys: []string{"code"},
	},
}

// Registry returns the kettu codes as a drift registry, built anew on each
// call so no caller can change what another one checks.
func Registry() *drift.Registry {
	var reg drift.Registry
	entries := specEntries()
	for _, g := range groups {
		g.Columns = append([]string(nil), g.Columns...)
		g.Mentions = append([]string(nil), g.Mentions...)
		g.JSONKeys = append([]string(nil), g.JSONKeys...)
		g.Entries = entries[g.Name]
		reg.Groups = append(reg.Groups, g)
	}
	// Go examples in the docs use the package as clients do: codes.X.
	reg.Packages = []drift.Package{{Name: "codes", Exported: identifiers()}}
	return &reg
}
