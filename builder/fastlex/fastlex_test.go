package fastlex

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// chromaTokens is what the highlighter got before this package existed.
func chromaTokens(t testing.TB, lang, code string) []chroma.Token {
	t.Helper()
	it, err := chroma.Coalesce(lexers.Get(lang)).Tokenise(nil, code)
	if err != nil {
		t.Fatalf("chroma: %v", err)
	}
	return drain(it)
}

func drain(it chroma.Iterator) []chroma.Token {
	var out []chroma.Token
	for tok := it(); tok != chroma.EOF; tok = it() {
		out = append(out, tok)
	}
	return out
}

// differ checks the property everything here rests on: the fast lexer
// refuses code or gives chroma's tokens. It reports whether it refused.
func differ(t testing.TB, lang, code string) (refused bool) {
	t.Helper()
	it, err := Get(lang).Tokenise(nil, code)
	if err != nil {
		return true
	}
	got, want := drain(it), chromaTokens(t, lang, code)
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s %q: token %d: got %v, chroma %v", lang, clip(code), i, at2(got, i), at2(want, i))
	}
	return false
}

func at2(toks []chroma.Token, i int) string {
	var b strings.Builder
	for j := max(0, i-1); j < min(len(toks), i+2); j++ {
		fmt.Fprintf(&b, "%s(%q) ", toks[j].Type, toks[j].Value)
	}
	return b.String()
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func TestGet(t *testing.T) {
	for lang, name := range map[string]string{
		"go": "Go", "Go": "Go", "GOLANG": "Go", "golang": "Go",
		"json": "JSON", "JSON": "JSON", "jsonl": "JSON",
		"python": "", "": "", "go-html-template": "", "go-text-template": "", "yaml": "", "nosuchlang": "",
	} {
		l := Get(lang)
		if (l == nil) != (name == "") || l != nil && l.Config().Name != name {
			t.Errorf("Get(%q) = %v, want %q", lang, l, name)
		}
		if l != nil && lexers.Get(lang).Config() != l.Config() {
			t.Errorf("Get(%q): config is not chroma's", lang)
		}
	}
}

// goCases are tricky corners of chroma's Go rules. ok says the fast lexer
// must lex the case rather than refuse it; the rest it may refuse.
var goCases = []struct {
	code string
	ok   bool
}{
	{"", true},
	{"\n", true},
	{"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n", true},
	{"x := len(s) + cap (s) + string(b) + string (b) + any(x)", true},
	{"func (s *T) M(a, b int) (int, error) { return 0, nil }", true},
	{"foo\n\t(x)", true},
	{"var x = []string{`raw`, `multi\nline {`, ``}", true},
	{"//go:build linux\n// comment\n//\n//nolint:all\n", true},
	{"/* block */ x /*\n multi\n*/ y /**/ z /***/", true},
	{"/\\\n* odd */ /* a *\\\n/ b", true},
	{"a /= b; c %= d; e &^= f; g <<= 1; h >>= 2; i &^ j; k <- ch; l++; m--; ...", true},
	{"a || b && c | d ^ e &= f |= g != h == i <= j >= k < l > m ! n ~ o", true},
	{"1 12 0 007 08 0789 0x1F 0X_ff 0b101 0b_1 0o17 1_000 0_1 00", true},
	{"1.5 1. .5 1e5 1E+5 1e-5 1.5e10 1.5e+10 1.e5 .5e5 .5e+5 1e 1e+ 1.5e", true},
	{"1i 1.5i 1.i .5i 1e+5i 1e5i 1.5e+5i .5e-5i 123if 0import 1.5.5 x.5", true},
	{"'a' '\\n' '\\'' '\\x41' '\\101' '\\0' '\\01' '\\u00e9' '\\U0001F600' ''' '\"' '\\\\'", true},
	{"\"a\\\"b\" \"\\\\\" \"multi\nline\" \"\"", true},
	{"true false iota nil truex nilly _ _x x_1 X", true},
	{"go goto gox default: select case defer else switch fallthrough if range continue for return break", true},
	{"var func struct map chan type interface const import package", true},
	{"int8 int16 int32 int64 uint uintptr float float32 complex128 byte rune bool error any", true},
	{"print(1); println(); panic(x); recover(); close(c); complex(1,2); real(c); imag(c); append(s); copy(a,b); delete(m,k); new(T); make(T); clear(m); min(1); max(2)", true},
	{"f\v(x)\fg\t\t(y) h \n\n (z)", true},
	{"x\r\ny\rz", true},
	{"\t\n  \n\n", true},
	{"x := 1 // trailing", true},
	{"a.b.c(d)[e]{f};g,h", true},
	{"é", false},
	{"// héllo → wörld\nx := \"naïve ✓\" /* ü */ + `Zoë`\n", true},
	{"s := \"\\é\"\n", true},
	{"s := `{{.Name}}`", false},
	{"s := \"unterminated", false},
	{"s := `unterminated", false},
	{"/* unterminated", false},
	{"x := 'ab'", false},
	{"x := '\\q'", false},
	{"#include", false},
	{"a ? b : c", false},
	{"$x @y", false},
	{"\x00", false},
	{"\"\\", false},
	{"'", false},
}

func TestGoCases(t *testing.T) {
	for _, c := range goCases {
		if refused := differ(t, "go", c.code); refused && c.ok {
			t.Errorf("refused %q", c.code)
		}
	}
}

// TestGoRefuses pins inputs that must go to chroma: these are ones the
// fast lexer would get wrong if it did not refuse them.
func TestGoRefuses(t *testing.T) {
	for _, code := range []string{
		"x := `{{.Name}}`",
		"é := 1",
		"x := 1 //é\n",
		"x :=\u00a01",
		"x := 'é'",
		"s := \"\xff\"",
		"x := \"a\\\"",
		"/* open",
		strings.Repeat("x", maxRun),
		"/* " + strings.Repeat("x", maxRun) + " */",
	} {
		if _, err := Get("go").Tokenise(nil, code); err == nil {
			t.Errorf("did not refuse %q", clip(code))
		}
	}
	if _, err := Get("go").Tokenise(&chroma.TokeniseOptions{State: "template"}, "x"); err == nil {
		t.Error("did not refuse a state other than root")
	}
}

// goChunks splits Go source where code blocks in docs tend to start and
// end: at each top-level declaration, with its doc comment.
func goChunks(src string) []string {
	lines := strings.SplitAfter(src, "\n")
	var chunks []string
	start := 0
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(lines[i-1]) == "" && l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '\n' && l[0] != '}' && l[0] != ')' {
			chunks = append(chunks, strings.Join(lines[start:i], ""))
			start = i
		}
	}
	return append(chunks, strings.Join(lines[start:], ""))
}

// goCorpus is a deterministic sample of code blocks cut from the standard
// library and this repository, kept small enough for chroma to lex quickly.
func goCorpus(t testing.TB) []string {
	t.Helper()
	var files []string
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	for _, dir := range []string{"fmt", "strings", "net/http", "encoding/json", "go/ast"} {
		matches, err := filepath.Glob(filepath.Join(goroot, "src", dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != "../..") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("only %d Go files", len(files))
	}
	var corpus []string
	const budget = 600 << 10 // bytes for chroma, about a second
	var size, n int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if len(src) < 6000 {
			corpus = append(corpus, src)
			size += len(src)
		}
		for _, c := range goChunks(src) {
			// Every 7th chunk of at most 3000 bytes, the size of code
			// blocks, spreads the budget over all the files.
			if n++; n%7 == 0 && len(c) <= 3000 {
				corpus = append(corpus, c)
				size += len(c)
			}
		}
		if size > budget {
			break
		}
	}
	return corpus
}

func TestGoDifferential(t *testing.T) {
	corpus := goCorpus(t)
	refused := 0
	for _, code := range corpus {
		if differ(t, "go", code) {
			refused++
		}
	}
	t.Logf("%d of %d Go chunks refused", refused, len(corpus))
	if len(corpus) < 300 || refused*10 > len(corpus) {
		t.Errorf("%d of %d Go chunks refused", refused, len(corpus))
	}
}
