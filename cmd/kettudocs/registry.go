package main

import (
	"kettudocs/builder/drift"
	"kettudocs/codes"
)

// registry hands the generated kettu codes to the generic drift check:
// the builder knows nothing about kettu.
func registry() drift.Registry {
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
	return reg
}
