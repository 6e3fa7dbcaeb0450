package codespec

import (
	"fmt"
	"slices"
)

// A ChangeKind says how a code differs between two versions of a spec.
type ChangeKind int

const (
	Added      ChangeKind = iota + 1 // a code the old spec lacks
	Removed                          // a code the new spec lacks
	Renumbered                       // the same constant under another code
	Changed                          // the same code, a column's text changed
	GroupAdded
	GroupRemoved
)

func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Removed:
		return "removed"
	case Renumbered:
		return "renumbered"
	case Changed:
		return "changed"
	case GroupAdded:
		return "group added"
	case GroupRemoved:
		return "group removed"
	}
	return fmt.Sprintf("ChangeKind(%d)", int(k))
}

// A Change is one difference between two versions of a spec.
type Change struct {
	Kind    ChangeKind
	Group   string // the group's name (its marker name)
	Title   string // the group's title, for readers
	Code    string // the code in the new spec; in the old one when removed
	OldCode string // the code in the old spec, when renumbered
	Column  string // the column that changed, for Changed
	Old     string // the column's old text, or the entry's name when removed
	New     string // the column's new text, or the entry's name when added
	// Breaking is set for a change that can break a client built against
	// the old spec: a code or group removed, a code renumbered, and a
	// changed value of an enumerated column (a close code's action, an
	// opcode's direction), which clients act on.
	Breaking bool
	// Line is the change's line in the new spec, or in the old one for a
	// removal.
	Line int
}

// String formats the change on one line, as codes diff prints it.
func (c Change) String() string {
	var s string
	switch c.Kind {
	case Added:
		s = fmt.Sprintf("%s: %s added: %s", c.Title, c.Code, c.New)
	case Removed:
		s = fmt.Sprintf("%s: %s removed (was %s)", c.Title, c.Code, c.Old)
	case Renumbered:
		s = fmt.Sprintf("%s: %s renumbered %s → %s", c.Title, c.New, c.OldCode, c.Code)
	case Changed:
		s = fmt.Sprintf("%s: %s %s changed: %q → %q", c.Title, c.Code, c.Column, c.Old, c.New)
	case GroupAdded:
		s = fmt.Sprintf("group %s (%s) added", c.Group, c.Title)
	case GroupRemoved:
		s = fmt.Sprintf("group %s (%s) removed", c.Group, c.Title)
	}
	if c.Breaking {
		s += " [breaking]"
	}
	return s
}

// Diff lists what changed from old to new, group by group in the new
// spec's order (removed groups last), each group's changes in the order
// of its entries, removed entries last. Entries are the same code when their codes are equal,
// and the same constant renumbered when a removed and an added entry
// share their Go constant (or, without one, the text of the column
// constants derive from).
func Diff(old, new *Spec) []Change {
	var out []Change
	was := make(map[string]*Group)
	for _, g := range old.Groups {
		was[g.Name] = g
	}
	for _, g := range new.Groups {
		o := was[g.Name]
		if o == nil {
			out = append(out, Change{Kind: GroupAdded, Group: g.Name, Title: g.Title, Line: g.Line})
			continue
		}
		delete(was, g.Name)
		out = append(out, diffGroup(o, g)...)
	}
	for _, g := range old.Groups {
		if was[g.Name] != nil {
			out = append(out, Change{Kind: GroupRemoved, Group: g.Name, Title: g.Title, Breaking: true, Line: g.Line})
		}
	}
	return out
}

func diffGroup(old, new *Group) []Change {
	byCode := make(map[string]*Entry)
	for _, e := range old.Entries {
		byCode[e.Code] = e
	}
	var added []*Entry
	var out []Change
	for _, e := range new.Entries {
		o := byCode[e.Code]
		if o == nil {
			added = append(added, e)
			continue
		}
		delete(byCode, e.Code)
		for _, c := range new.Columns {
			if c.Free || o.Fields[c.Name] == e.Fields[c.Name] {
				continue
			}
			out = append(out, Change{
				Kind: Changed, Group: new.Name, Title: new.Title, Code: e.Code, Column: c.Name,
				Old: o.Fields[c.Name], New: e.Fields[c.Name], Breaking: c.Enum != nil, Line: e.Line,
			})
		}
	}
	// What is left of the old entries was removed or renumbered.
	gone := make(map[string]*Entry)
	for _, o := range old.Entries {
		if byCode[o.Code] != nil {
			if k := identity(old, o); k != "" {
				gone[k] = o
			}
		}
	}
	for _, e := range added {
		name := identity(new, e)
		if o := gone[name]; name != "" && o != nil {
			delete(byCode, o.Code)
			delete(gone, name)
			out = append(out, Change{Kind: Renumbered, Group: new.Name, Title: new.Title, Code: e.Code, OldCode: o.Code, New: name, Breaking: true, Line: e.Line})
			continue
		}
		out = append(out, Change{Kind: Added, Group: new.Name, Title: new.Title, Code: e.Code, New: label(new, e), Line: e.Line})
	}
	// In the new spec's order, then the removed in the old one's.
	slices.SortStableFunc(out, func(a, b Change) int { return a.Line - b.Line })
	for _, o := range old.Entries {
		if byCode[o.Code] != nil {
			out = append(out, Change{Kind: Removed, Group: new.Name, Title: new.Title, Code: o.Code, Old: label(old, o), Breaking: true, Line: o.Line})
		}
	}
	return out
}

// identity is what makes two entries of different codes the same one.
func identity(g *Group, e *Entry) string {
	if e.Const != "" {
		return e.Const
	}
	if g.ConstFrom != "" {
		return e.Fields[g.ConstFrom]
	}
	return ""
}

// label names an entry for readers: its first column's text.
func label(g *Group, e *Entry) string {
	if len(g.Columns) > 0 {
		if s := e.Fields[g.Columns[0].Name]; s != "" {
			return s
		}
	}
	return e.Code
}
