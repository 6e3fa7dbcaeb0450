package diag

import "testing"

func TestNearest(t *testing.T) {
	known := []string{"description", "draft", "title", "weight"}
	tests := []struct{ word, want string }{
		{"tilte", "title"},
		{"titel", "title"},
		{"Title", "title"},
		{"titl", "title"},
		{"wieght", "weight"},
		{"descripton", "description"},
		{"drafts", "draft"},
		// Keys of other generators are not typos.
		{"date", ""},
		{"tags", ""},
		{"type", ""},
		{"slug", ""},
		{"author", ""},
		{"linkTitle", ""},
		{"toc", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.word, known); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
