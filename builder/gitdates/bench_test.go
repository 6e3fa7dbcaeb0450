package gitdates

import (
	"context"
	"os"
	"testing"
)

// BenchmarkDates times Dates on the folder KETTUDOCS_GITDATES_DIR, e.g.
// the content of a 10,000-page corpus (bench/README.md) committed to git.
func BenchmarkDates(b *testing.B) {
	dir := os.Getenv("KETTUDOCS_GITDATES_DIR")
	if dir == "" {
		b.Skip("set KETTUDOCS_GITDATES_DIR to a content folder in a git work tree")
	}
	for b.Loop() {
		d, err := Dates(context.Background(), dir)
		if err != nil || len(d) == 0 {
			b.Fatalf("Dates: %d dates, %v", len(d), err)
		}
		b.ReportMetric(float64(len(d)), "files")
	}
}
