package nav

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

func TestPercentEncode(t *testing.T) {
	tests := []struct {
		in         string
		norm, frag string
	}{
		{"a/b-c_d.e~f/", "a/b-c_d.e~f/", "a%2fb-c_d.e~f%2f"},
		{"x y/", "x%20y/", "x%20y%2f"},
		{"%41%zz%4", "%41%25zz%254", "%2541%25zz%254"},
		{"é", "%c3%a9", "%c3%a9"},
		{"?q=1&r#f", "?q=1&r#f", "%3fq%3d1%26r%23f"},
		{`'"<>()`, "%27%22%3c%3e%28%29", "%27%22%3c%3e%28%29"},
	}
	for _, tt := range tests {
		var norm, frag strings.Builder
		percentEncode(&norm, tt.in, true)
		percentEncode(&frag, tt.in, false)
		if norm.String() != tt.norm || frag.String() != tt.frag {
			t.Errorf("percentEncode(%q) = %q, %q; want %q, %q", tt.in, norm.String(), frag.String(), tt.norm, tt.frag)
		}
	}
}

// FuzzWriteURL holds writeURL and writeURLPart to what html/template makes
// of a link and of a fragment in an href. Links the build makes have no
// scheme, which html/template would check; inputs with a colon are left
// out.
func FuzzWriteURL(f *testing.F) {
	for _, s := range []string{"a/b/", "../x y/", "%41%zz", "é/", "q?a=1&b=2", `'"<>`, "+", "a#b"} {
		f.Add(s)
	}
	link := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	frag := template.Must(template.New("").Parse(`<a href="#{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, ":") {
			return
		}
		for _, c := range []struct {
			tmpl  *template.Template
			write func(*strings.Builder, string)
			open  string
		}{{link, writeURL, `<a href="`}, {frag, writeURLPart, `<a href="#`}} {
			var want bytes.Buffer
			if err := c.tmpl.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			got.WriteString(c.open)
			c.write(&got, s)
			got.WriteString(`">`)
			if got.String() != want.String() {
				t.Errorf("%q: got %s, html/template makes %s", s, got.String(), want.String())
			}
		}
	})
}
