package kettureg

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCodesModule runs the tests of the codes module, which is a module of
// its own (a client's dependency must not pull in the docs builder's), so
// that `go test ./...` from the repository's root, which stops at module
// boundaries, still runs the whole suite.
func TestCodesModule(t *testing.T) {
	if testing.Short() {
		t.Skip("the codes module's tests run in a go command of their own")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command to test the codes module with: %v", err)
	}
	cmd := exec.Command(goCmd, "test", "./...")
	cmd.Dir = filepath.Join("..", "..", "codes")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test ./... in codes: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
