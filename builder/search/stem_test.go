package search

import "testing"

func TestStem(t *testing.T) {
	for _, tt := range []struct {
		words []string // all of one stem
		stem  string
	}{
		{[]string{"close", "closes", "closed", "closing"}, "clos"},
		{[]string{"retry", "retries", "retried", "retrying"}, "retry"},
		{[]string{"code", "codes", "coded", "coding"}, "cod"},
		{[]string{"run", "runs", "running"}, "run"},
		{[]string{"stop", "stops", "stopped", "stopping"}, "stop"},
		{[]string{"pass", "passes", "passed", "passing"}, "pass"},
		{[]string{"call", "calls", "called", "calling"}, "call"},
		{[]string{"heartbeat", "heartbeats"}, "heartbeat"},
		{[]string{"status", "statuses"}, "status"},
		{[]string{"class", "classes"}, "class"},
		{[]string{"resume", "resumes", "resumed", "resuming"}, "resum"},
		{[]string{"meeting", "meetings"}, "meet"},
		{[]string{"analysis"}, "analysis"},
		{[]string{"thing", "things"}, "thing"},
		{[]string{"string", "strings"}, "string"},
		{[]string{"bed"}, "bed"},
		{[]string{"is", "as", "go"}, ""},           // too short: themselves
		{[]string{"4004", "v2", "über", "ĳs"}, ""}, // not ASCII letters: themselves
	} {
		for _, w := range tt.words {
			want := tt.stem
			if want == "" {
				want = w
			}
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, want %q", w, got, want)
			}
		}
	}
}

// FuzzStem checks that a stem is never longer than its word, nor empty,
// and keeps what is not an ASCII word as it is.
func FuzzStem(f *testing.F) {
	for _, s := range []string{"closing", "retries", "passes", "aaa", "sss", "ied", "eed", "abs", "ing"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		s := Stem(w)
		if len(s) > len(w) || w != "" && s == "" {
			t.Fatalf("Stem(%q) = %q", w, s)
		}
	})
}
