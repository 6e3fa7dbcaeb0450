package drift

import (
	"testing"

	"github.com/kettu/kettudocs/builder/diag"
)

// BenchmarkCheckPage checks the mended seed page, the largest real page:
// four bound tables (58 rows), two JSON examples and prose. The parse is
// outside the loop, as in the builder, which parses once for every stage.
func BenchmarkCheckPage(b *testing.B) {
	c := testChecker(b)
	src := readFixture(b, "mended.md")
	lines := diag.NewLines("mended.md", src)
	b.ReportAllocs()
	for b.Loop() {
		doc := parse(src) // Check annotates the tree, so each run gets a fresh one
		if got := c.Check(doc, src, lines); len(got) > 0 {
			b.Fatal(got)
		}
	}
}
