package fastlex

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// benchGo and benchJSON are the typical code blocks of API docs.
const benchGo = `func (c *Client) Get(ctx context.Context, id string) (*Item, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+"/items/"+id, nil)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	var item Item
	if err := c.do(req, &item); err != nil {
		return nil, err
	}
	return &item, nil
}
`

const benchJSON = `{
  "error": {
    "code": 404,
    "message": "item \"abc\" not found",
    "retry": false
  }
}
`

func benchLex(b *testing.B, l chroma.Lexer, code string) {
	b.SetBytes(int64(len(code)))
	for b.Loop() {
		it, err := l.Tokenise(nil, code)
		if err != nil {
			b.Fatal(err)
		}
		for tok := it(); tok != chroma.EOF; tok = it() {
		}
	}
}

func BenchmarkGoFastlex(b *testing.B) { benchLex(b, Get("go"), benchGo) }
func BenchmarkGoChroma(b *testing.B)  { benchLex(b, chroma.Coalesce(lexers.Get("go")), benchGo) }
func BenchmarkJSONFastlex(b *testing.B) {
	benchLex(b, Get("json"), benchJSON)
}
func BenchmarkJSONChroma(b *testing.B) {
	benchLex(b, chroma.Coalesce(lexers.Get("json")), benchJSON)
}

// TestBenchInputs keeps the benchmarks measuring the fast path.
func TestBenchInputs(t *testing.T) {
	if differ(t, "go", benchGo) || differ(t, "json", benchJSON) {
		t.Error("a benchmark input is refused")
	}
}
