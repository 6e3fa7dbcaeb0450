package drift

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// specCode reports whether s is a valid Entry.Code of a numeric group: a
// decimal code, optionally negative (JSON-RPC style APIs use negative
// codes), a range of digits followed by lowercase x's (5xx), or an
// explicit range of two codes (4000-4999).
func specCode(s string) bool {
	if lo, hi, ok := span(s); ok {
		return lo < hi
	}
	d := strings.TrimRight(s, "x")
	if d != s { // a range
		return d != "" && digits(d)
	}
	return digits(strings.TrimPrefix(s, "-"))
}

// stringCodeRE is what a code of a group of string codes looks like:
// FAILED_VALIDATION, card_declined, M_FORBIDDEN, auth/invalid-email.
var stringCodeRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$`)

// spanRE matches an explicit range as docs write it: 4000-4999, with an
// en dash or a tilde (301000~301099), or with spaces around it.
var spanRE = regexp.MustCompile(`^(0|[1-9][0-9]*)\s*[-–~]\s*(0|[1-9][0-9]*)$`)

// span parses an explicit range.
func span(s string) (lo, hi int64, ok bool) {
	m := spanRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	lo, err1 := strconv.ParseInt(m[1], 10, 64)
	hi, err2 := strconv.ParseInt(m[2], 10, 64)
	return lo, hi, err1 == nil && err2 == nil
}

// docCode parses a code as written in a table cell of g: like specCode,
// but a range may be written with capital X's, and an explicit range with
// an en dash or spaces. It returns the canonical form.
func (g *group) docCode(s string) (string, bool) {
	if g.strings {
		return s, stringCodeRE.MatchString(s)
	}
	return numCode(s)
}

// numCode is docCode for a numeric group.
func numCode(s string) (string, bool) {
	if lo, hi, ok := span(s); ok {
		if lo >= hi {
			return "", false
		}
		return strconv.FormatInt(lo, 10) + "-" + strconv.FormatInt(hi, 10), true
	}
	c := strings.ToLower(s)
	if !specCode(c) {
		return "", false
	}
	return c, true
}

// Forms of a code cell that holds a name beside its code (see
// Group.CodeWith): "200 (OK)", "404 Not Found", "4004: Authentication
// failed", "4004 - Authentication failed", "Not Found (404)". Backticks
// are gone by now: cells are compared by their plain text.
var (
	numCodeFirst = regexp.MustCompile(`^([0-9]+\s*[-–~]\s*[0-9]+|-?[0-9]+[xX]*)(?:\s*\((.*)\)|\s*[:–—-]\s*(.*)|\s+(.*))?$`)
	numCodeLast  = regexp.MustCompile(`^(.*\S)\s*\(([0-9]+\s*[-–~]\s*[0-9]+|-?[0-9]+[xX]*)\)$`)
	strCodeFirst = regexp.MustCompile(`^([A-Za-z0-9_][A-Za-z0-9_.:/-]*?)(?:\s*\((.*)\)|\s*[:–—]\s*(.*)|\s+-\s+(.*)|\s+(.*))?$`)
	strCodeLast  = regexp.MustCompile(`^(.*\S)\s*\(([A-Za-z0-9_][A-Za-z0-9_.:/-]*)\)$`)
)

// split splits the plain text of a code cell into its code, canonical,
// and the text beside it (its name), "" when the cell is the code alone.
// Where a cell reads both ways ("M_FORBIDDEN (Forbidden)"), the reading
// whose code g lists wins, then the one with the code first.
func (g *group) split(cell string) (code, rest string, ok bool) {
	return g.splitKnown(cell, func(code string) bool {
		_, ok := g.byCode[code]
		return ok
	})
}

// splitKnown is split, preferring the reading whose code is known.
func (g *group) splitKnown(cell string, known func(string) bool) (code, rest string, ok bool) {
	if code, ok := g.docCode(cell); ok {
		return code, "", true
	}
	first, last := numCodeFirst, numCodeLast
	if g.strings {
		first, last = strCodeFirst, strCodeLast
	}
	type reading struct{ code, rest string }
	var rs []reading
	if m := first.FindStringSubmatch(cell); m != nil {
		for _, r := range m[2:] {
			if r != "" {
				rest = strings.TrimSpace(r)
			}
		}
		if code, ok := g.docCode(m[1]); ok && rest != "" {
			rs = append(rs, reading{code, rest})
		}
	}
	if m := last.FindStringSubmatch(cell); m != nil {
		if code, ok := g.docCode(m[2]); ok {
			rs = append(rs, reading{code, strings.TrimSpace(m[1])})
		}
	}
	if len(rs) == 0 {
		return "", "", false
	}
	for _, r := range rs {
		if known(r.code) {
			return r.code, r.rest, true
		}
	}
	return rs[0].code, rs[0].rest, true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// overlap reports whether two canonical codes of a numeric group share a
// code: 503 and 5xx overlap, as do 4xx and 404, and 4000-4999 and 4004.
// Codes of a string group overlap when equal.
func overlap(a, b string) bool {
	if a == b {
		return true
	}
	alo, ahi, ok1 := bounds(a)
	blo, bhi, ok2 := bounds(b)
	if !ok1 || !ok2 {
		return false
	}
	return alo <= bhi && blo <= ahi
}

// isRange reports whether a canonical code is a range: 5xx or 4000-4999.
func isRange(code string) bool {
	lo, hi, ok := bounds(code)
	return ok && lo != hi
}

// Bounds returns the smallest and largest code a canonical numeric code
// stands for (as SplitCell returns it): 503 is 503–503, 5xx 500–599,
// 4000-4999 itself.
func Bounds(code string) (lo, hi int64, ok bool) { return bounds(code) }

// bounds returns the smallest and largest code a canonical code stands for.
func bounds(code string) (lo, hi int64, ok bool) {
	if lo, hi, ok := span(code); ok {
		return lo, hi, true
	}
	d := strings.TrimRight(code, "x")
	n, err := strconv.ParseInt(d, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	lo, hi = n, n
	for range len(code) - len(d) {
		if hi > (math.MaxInt64-9)/10 {
			return 0, 0, false
		}
		lo, hi = lo*10, hi*10+9
	}
	return lo, hi, true
}

// valid reports whether code, canonical, names a code of g: an entry, an
// entry's range covering it, or (for a range) some entry it covers.
// Omitted entries count: the code exists even if tables leave it out.
func (g *group) valid(code string) bool {
	if g.strings {
		_, ok := g.byCode[code]
		return ok
	}
	for _, e := range g.entries {
		if overlap(code, e.code) {
			return true
		}
	}
	return false
}

// cover returns the range entry of g covering an exact code, if any.
func (g *group) cover(code string) *entry {
	if g.strings {
		return nil
	}
	for i := range g.entries {
		e := &g.entries[i]
		if e.code != code && isRange(e.code) && overlap(code, e.code) {
			return e
		}
	}
	return nil
}

// near returns up to three codes of g closest to code, in spec order, for
// hints: numerically, or for string codes by edit distance.
func (g *group) near(code string) []string {
	type cand struct {
		i    int
		dist uint64
	}
	var cs []cand
	if g.strings {
		for i, e := range g.entries {
			if d := editDistance(strings.ToLower(code), strings.ToLower(e.code)); d <= max(2, len(code)/3) {
				cs = append(cs, cand{i, uint64(d)})
			}
		}
	} else {
		lo, hi, ok := bounds(code)
		if !ok {
			return nil
		}
		for i, e := range g.entries {
			elo, ehi, ok := bounds(e.code)
			if !ok {
				continue
			}
			var d uint64
			switch {
			case ehi < lo:
				d = uint64(lo) - uint64(ehi)
			case elo > hi:
				d = uint64(elo) - uint64(hi)
			}
			cs = append(cs, cand{i, d})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].dist < cs[b].dist })
	if len(cs) > 3 {
		cs = cs[:3]
	}
	sort.Slice(cs, func(a, b int) bool { return cs[a].i < cs[b].i })
	var out []string
	for _, c := range cs {
		out = append(out, g.entries[c.i].code)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}

// unknownHint is the hint for a code of g that the spec lacks.
func (g *group) unknownHint(code string) string {
	h := "fix the code, or add " + code + " to the spec and regenerate (go generate ./...)"
	if n := g.near(code); len(n) > 0 {
		prefix := "nearest known codes: "
		if g.strings {
			prefix = "did you mean "
			h = strings.Join(n, " or ") + "? otherwise " + h
			return prefix + h
		}
		h = prefix + strings.Join(n, ", ") + "; " + h
	}
	return h
}

// SplitCell splits the text of a table's code cell (see CellText) as the
// check reads it in a table of a group of numeric codes, or of string
// codes: into the code, canonical, and the text beside it, "" for none.
// Where the cell reads both ways ("M_FORBIDDEN (Forbidden)"), the check
// takes the reading whose code its group lists; SplitCell the one whose
// code known reports (nil: none), else the one with the code first. It is
// how a tool that writes a spec from a page (codespec.Extract) reads the
// cells as the check will.
func SplitCell(cell string, stringCodes bool, known func(code string) bool) (code, rest string, ok bool) {
	if known == nil {
		known = func(string) bool { return false }
	}
	g := &group{strings: stringCodes}
	return g.splitKnown(cell, known)
}
