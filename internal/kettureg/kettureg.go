// Package kettureg hands the generated kettu codes to the generic drift
// check, so the builder never depends on kettu: cmd/kettudocs and the theme's
// tests check the kettu docs through it.
package kettureg

import (
	"kettudocs/builder/drift"
	"kettudocs/codes"
)

// Registry returns the kettu codes as a drift registry.
func Registry() *drift.Registry {
	var reg drift.Registry
	for _, t := range codes.Tables {
		g := drift.Group{
			Name:     t.Name,
			Title:    t.Title,
			Anchor:   t.Anchor,
			Columns:  t.Columns,
			Mentions: t.Mentions,
			JSONKeys: t.JSONKeys,
		}
		for _, r := range t.Rows {
			g.Entries = append(g.Entries, drift.Entry{Code: r.Code, Fields: r.Fields, Omit: r.Omit != ""})
		}
		reg.Groups = append(reg.Groups, g)
	}
	// Go examples in the docs use the package as clients do: codes.X.
	reg.Packages = []drift.Package{{Name: "codes", Exported: codes.Identifiers}}
	return &reg
}
