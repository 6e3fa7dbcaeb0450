package drift

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// specCode reports whether s is a valid Entry.Code: a decimal code,
// optionally negative (JSON-RPC style APIs use negative codes), or a range of
// digits followed by lowercase x's.
func specCode(s string) bool {
	d := strings.TrimRight(s, "x")
	if d != s { // a range
		return d != "" && digits(d)
	}
	return digits(strings.TrimPrefix(s, "-"))
}

// docCode parses a code as written in a table cell: like specCode, but a
// range may be written with capital X's. It returns the canonical form.
func docCode(s string) (string, bool) {
	c := strings.ToLower(s)
	if !specCode(c) {
		return "", false
	}
	return c, true
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

// overlap reports whether two canonical codes share a code: equal length and
// equal digits wherever neither has an x. So 503 and 5xx overlap, as do 4xx
// and 404; a negative code overlaps only itself.
func overlap(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) != len(b) || strings.HasPrefix(a, "-") || strings.HasPrefix(b, "-") {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && a[i] != 'x' && b[i] != 'x' {
			return false
		}
	}
	return true
}

// bounds returns the smallest and largest code a canonical code stands for.
func bounds(code string) (lo, hi int64, ok bool) {
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
	for _, e := range g.entries {
		if overlap(code, e.code) {
			return true
		}
	}
	return false
}

// cover returns the range entry of g covering an exact code, if any.
func (g *group) cover(code string) *entry {
	for i := range g.entries {
		e := &g.entries[i]
		if e.code != code && strings.HasSuffix(e.code, "x") && overlap(code, e.code) {
			return e
		}
	}
	return nil
}

// near returns up to three codes of g numerically closest to code, in spec
// order, for hints.
func (g *group) near(code string) []string {
	lo, hi, ok := bounds(code)
	if !ok {
		return nil
	}
	type cand struct {
		i    int
		dist uint64
	}
	var cs []cand
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

// unknownHint is the hint for a code of g that the spec lacks.
func (g *group) unknownHint(code string) string {
	h := "fix the code, or add " + code + " to the spec and regenerate (go generate ./...)"
	if n := g.near(code); len(n) > 0 {
		h = "nearest known codes: " + strings.Join(n, ", ") + "; " + h
	}
	return h
}
