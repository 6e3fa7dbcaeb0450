package markdown

import "testing"

// TestSlug: ids as GitHub makes them (github-slugger), for the headings
// real pages moving in have.
func TestSlug(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Rights", "rights"},
		{"Über café", "über-café"},
		{"usage_flags", "usage_flags"},
		{"Opcodes & Status Codes", "opcodes--status-codes"},
		{"HTTP 4xx: client errors", "http-4xx-client-errors"},
		{"What's new in v1.2?", "whats-new-in-v12"},
		{"Ελληνικά και 日本語", "ελληνικά-και-日本語"},
		{"  Trimmed  ", "trimmed"},
		{"a  b", "a--b"},
		{"🚀 Launch", "-launch"},
		{"!!!", "heading"},
		{"CamelCase-Word", "camelcase-word"},
	} {
		if got := Slug(tt.text); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	taken := map[string]bool{"a": true, "a-1": true}
	if got := Unique("a", func(s string) bool { return taken[s] }); got != "a-2" {
		t.Errorf("Unique = %q, want a-2", got)
	}
}
