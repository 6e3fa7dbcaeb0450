package frontmatter

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// yamlFrontMatterOf decodes data as decode does with YAML:
// its keys, and Meta.
func yamlFrontMatterOf(data []byte) (keys map[string]any, m Meta, err error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || doc.Kind == 0 {
		return nil, m, err
	}
	if err := doc.Decode(&keys); err != nil {
		return nil, m, err
	}
	err = doc.Decode(&m)
	return keys, m, err
}

func TestSimpleFrontMatter(t *testing.T) {
	for _, tt := range []struct {
		data string
		want *Meta // nil: left to YAML
	}{
		{"", &Meta{}},
		{"\n\n", &Meta{}},
		{"title: \"Close codes\"\nweight: 20\n", &Meta{Title: "Close codes", Weight: 20}},
		{"title: Close codes, and more (v2)\r\ndraft: true\r\n", &Meta{Title: "Close codes, and more (v2)", Draft: true}},
		{"description: \"A: b's 'c' #1\"\nweight: -3\ndraft: false", &Meta{Description: "A: b's 'c' #1", Weight: -3}},
		{"weight: 0\n", &Meta{}},
		{"title: x\ntitle: y\n", nil}, // twice: YAML's error
		{"author: me\n", nil},         // other keys: params
		{"titel: x\n", nil},           // a typo
		{"title: yes\n", nil},         // YAML booleans
		{"title: Null\n", nil},        // and null
		{"title: 2024\n", nil},        // a number
		{"title: \"a\\tb\"\n", nil},   // escapes
		{"title: 'single'\n", nil},    // other quotes
		{"title: ünï\n", nil},         // beyond ASCII
		{"title: a # comment\n", nil}, // comments
		{"title: a: b\n", nil},        // a colon
		{"title:\n", nil},             // null
		{"title:  \"x\"  \n", &Meta{Title: "x"}},
		{"  title: x\n", nil},           // indented
		{"title: x\n  more\n", nil},     // continued
		{"weight: 007\n", nil},          // leading zero
		{"weight: 1234567890\n", nil},   // too long
		{"weight: +1\n", nil},           // plus
		{"weight: 1.5\n", nil},          // not whole
		{"draft: True\n", nil},          // YAML's, not ours
		{"- a\n", nil},                  // not a mapping
		{"title: x\r\ny: 1\n", nil},     // another key after CRLF
		{"title: \"x\"\n# note\n", nil}, // a comment line
		{"title: x\tweight: 1\n", nil},  // a tab
		{"title: \"\"\n", &Meta{}},      // empty
		{"title: A-B_c/d e.f!?&+\n", &Meta{Title: "A-B_c/d e.f!?&+"}},
	} {
		got, ok := simpleFrontMatter([]byte(tt.data))
		switch {
		case ok != (tt.want != nil):
			t.Errorf("%q: read %t, want %t", tt.data, ok, tt.want != nil)
		case ok && !reflect.DeepEqual(got, *tt.want):
			t.Errorf("%q: %+v, want %+v", tt.data, got, *tt.want)
		case ok:
			if _, y, err := yamlFrontMatterOf([]byte(tt.data)); err != nil || !reflect.DeepEqual(y, got) {
				t.Errorf("%q: YAML reads %+v (%v), not %+v", tt.data, y, err, got)
			}
		}
	}
}

// FuzzSimpleFrontMatter checks that front matter simpleFrontMatter reads
// is read the same by YAML: without error, with only the known keys, to
// the same values.
func FuzzSimpleFrontMatter(f *testing.F) {
	for _, s := range []string{
		"title: \"Close codes\"\nweight: 20\n", "title: Plain words\ndraft: true\n", "description: \"x: y\"\nweight: -3\n",
		"title: yes\n", "weight: 0\n", "\r\n\r\n", "title: a b\ndescription: c\ndraft: false\nweight: 9\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := simpleFrontMatter(data)
		if !ok {
			return
		}
		keys, want, err := yamlFrontMatterOf(data)
		if err != nil {
			t.Fatalf("%q: read %+v, but YAML fails: %v", data, got, err)
		}
		for k := range keys {
			switch k {
			case "title", "description", "weight", "draft":
			default:
				t.Fatalf("%q: read %+v, but YAML has the key %q", data, got, k)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: read %+v, YAML reads %+v", data, got, want)
		}
	})
}
