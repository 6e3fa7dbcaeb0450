package fastlex

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// jsonCases are JSON code blocks as docs have them, and the corners of
// chroma's JSON rules. ok says the fast lexer must not refuse the case.
var jsonCases = []struct {
	code string
	ok   bool
}{
	{"", true},
	{"{}", true},
	{"[]", true},
	{"{\n  \"error\": {\n    \"code\": 404,\n    \"message\": \"Not found\"\n  }\n}\n", true},
	{`{"a":1,"b":[1,2,3],"c":{"d":null,"e":true,"f":false}}`, true},
	{`[-1, 0, 1, -0, 1.5, -1.5, 1e10, 1E-10, 1.5e+3, -2.5E3, 0.0, 10, 123456789]`, true},
	{`["a\"b", "\\", "\n\t\u00e9", "", "\/"]`, true},
	{`{"nested": [[[]], [{}], {"x": [{"y": {}}]}]}`, true},
	{"{ \"a\" : 1 , \"b\" : 2 }", true},
	{"\t\n {\"a\":\n\n1}\n\n", true},
	{"// comment\n{\"a\": 1 // trailing\n}\n", true},
	{"[1, // one\n2]\n", true},
	{"{\"a\": 1,}", true},
	{"[1,]", true},
	{"{\"a\": 1", true},
	{"[1, 2", true},
	{"{\"a\" \"b\"}", true},
	{"{\"a\": 1} {\"b\": 2}", true},
	{"1 2 3", true},
	{"\"top\"", true},
	{"true false null", true},
	{"01 -01 1.5.5 1.e5", false},
	{"[truex]", false},
	{"{\"a\": 1}\n}", false},
	{"]", false},
	{"{a: 1}", false},
	{"{'a': 1}", false},
	{"// no newline", false},
	{"/* c */ {}", false},
	{"[\"unterminated", false},
	{"{\"key", false},
	{"[1.]", false},
	{"[.5]", false},
	{"[-]", false},
	{"[+1]", false},
	{"[NaN, Infinity]", false},
	{"{\"é\": 1}", true},
	{"{\"name\": \"Zoë\", \"fox\": \"🦊\", \"note\": \"a\\\\é\\\"ü\"} // → done\n", true},
	{"[\"a\\\"]", false},
	{"{\"a\": 1}\r\n", true},
	{"{\"a\": 1}trailing", false},
	{"{\"a\"\n:\n[\n]\n}", true},
	{"[1e5x]", false},
	{"[1.5e]", false},
}

func TestJSONCases(t *testing.T) {
	for _, c := range jsonCases {
		if refused := differ(t, "json", c.code); refused && c.ok {
			t.Errorf("refused %q", c.code)
		}
	}
}

func TestJSONRefuses(t *testing.T) {
	for _, code := range []string{
		"{\"a\": 1}\n}",
		"// no newline",
		"[\"unterminated",
		"{\"a\": é}",
		"[1,\u00a02]",
		"{\"a\": \"\xff\"}",
		"[\"" + strings.Repeat("x", maxRun) + "\"]",
	} {
		if _, err := Get("json").Tokenise(nil, code); err == nil {
			t.Errorf("did not refuse %q", clip(code))
		}
	}
}

// jsonValues are marshalled as the fenced JSON of API docs would be.
func jsonValues() []any {
	type item struct {
		ID     int               `json:"id"`
		Name   string            `json:"name"`
		Price  float64           `json:"price"`
		Tags   []string          `json:"tags"`
		Meta   map[string]any    `json:"meta,omitempty"`
		Parent *item             `json:"parent"`
		Attrs  map[string]string `json:"attrs"`
	}
	return []any{
		nil, true, 0, -1, 3.14, -2.5e-8, 1e21, math.MaxInt64, math.SmallestNonzeroFloat64, "s", "quote \" and \\ and <tag> & \n\t\x01",
		[]any{}, map[string]any{}, []int{1, 2, 3}, [][]string{{"a"}, {}, {"b", "c"}},
		map[string]any{"error": map[string]any{"code": 404, "message": "not found", "details": []any{}}},
		item{ID: 1, Name: "widget", Price: 9.99, Tags: []string{"a", "b"}, Attrs: map[string]string{"k": "v"}},
		[]item{{ID: 2, Parent: &item{ID: 1, Meta: map[string]any{"x": []any{1.5, "y", nil, false, map[string]any{}}}}}},
		map[string]any{"": "", "e": math.Copysign(0, -1), "big": 123456789012345678, "list": []float64{0.1, -0.1, 100, 1e-7}},
	}
}

func TestJSONMarshalled(t *testing.T) {
	refused, n := 0, 0
	for _, v := range jsonValues() {
		for _, indent := range []string{"", "  ", "\t"} {
			b, err := json.MarshalIndent(v, "", indent)
			if err != nil {
				t.Fatal(err)
			}
			for _, code := range []string{string(b), string(b) + "\n"} {
				n++
				if differ(t, "json", code) {
					refused++
					t.Errorf("refused %q", code)
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d cases", n)
	}
}
