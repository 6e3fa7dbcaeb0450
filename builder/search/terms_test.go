package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
)

func TestTerms(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want []string
	}{
		{"Close codes", []string{"close", "codes"}},
		{"GUILD_CREATE", []string{"guild", "create"}},
		{"conn.Close(4004)", []string{"conn", "close", "4004"}},
		{"Ünïcode ΣΊΣΥΦΟΣ ½ 東京", []string{"ünïcode", "σίσυφοσ", "½", "東京"}},
		{" — ", nil},
	} {
		if got := Terms(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	for term, want := range map[string]bool{"4004": true, "½": true, "٤٠": true, "v2": false, "": false, "4e3": false} {
		if IsNumber(term) != want {
			t.Errorf("IsNumber(%q) = %v", term, !want)
		}
	}
}

// FuzzTerms checks that terms are words of letters and numbers that split
// into themselves again: what the index holds is what a query can be.
func FuzzTerms(f *testing.F) {
	for _, s := range []string{"Close codes 4004", "GUILD_CREATE", "İstanbul ǅ", "a\u0301b", "𝔘𝔫𝔦"} {
		f.Add(s)
	}
	f.Add("Hello, World_42 x-y")
	f.Fuzz(func(t *testing.T, s string) {
		terms := Terms(s)
		// The ASCII fast path splits as the general one does.
		want := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		if !slices.Equal(terms, want) && !(len(terms) == 0 && len(want) == 0) {
			t.Fatalf("Terms(%q) = %q, want %q", s, terms, want)
		}
		for _, tm := range terms {
			for _, r := range tm {
				if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
					t.Fatalf("Terms(%q): %q has %q", s, tm, r)
				}
			}
		}
		if again := Terms(strings.Join(terms, " ")); !slices.Equal(again, terms) {
			t.Errorf("Terms(%q) = %q, but its terms split into %q", s, terms, again)
		}
	})
}

// FuzzCompare checks that the index orders terms as JavaScript compares
// strings, by UTF-16 code units, and that a shard's separator tells it
// from the one before: search.js finds shards by those comparisons.
func FuzzCompare(f *testing.F) {
	f.Add("close", "closed")
	f.Add("\uffff", "𝔘")
	f.Add("a𝔘", "a\ue000")
	f.Add("4004", "401")
	f.Fuzz(func(t *testing.T, a, b string) {
		a, b = strings.ToValidUTF8(a, "?"), strings.ToValidUTF8(b, "?")
		want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
		if got := compare(a, b); got != want {
			t.Fatalf("compare(%q, %q) = %d, want %d", a, b, got, want)
		}
		if want >= 0 {
			a, b = b, a
		}
		if a == b {
			return
		}
		sep := separator(a, b, false)
		if !strings.HasPrefix(b, sep) || compare(sep, a) <= 0 || compare(sep, b) > 0 {
			t.Errorf("separator(%q, %q) = %q: not a prefix of the second between them", a, b, sep)
		}
	})
}

func TestNumbers(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 1023, 1024, 1 << 20, 1<<31 - 1} {
		enc := appendNum(nil, n)
		got, rest := readNum(append(enc, '9'))
		if got != n || string(rest) != "9" {
			t.Errorf("%d: encoded %q, read %d, rest %q", n, enc, got, rest)
		}
	}
}
