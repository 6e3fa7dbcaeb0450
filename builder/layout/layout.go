package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/sitefs"
)

// Load parses every layouts/*.html of the theme into one set: a layout
// may call any other by its file name. It reports every layout that does
// not parse, a missing page.html or 404.html, and every layout called with
// .Cached that reads what differs between pages (see PageData.Cached), as
// a diag.List with paths relative to the theme.
func Load(theme fs.FS) (*template.Template, error) {
	t, err := load(theme)
	if err != nil {
		return nil, err
	}
	if problems := checkCached(t); len(problems) > 0 {
		return nil, problems
	}
	return t, nil
}

func load(theme fs.FS) (*template.Template, error) {
	t := template.New("").Funcs(template.FuncMap{"dict": dict})
	// fs.Glob ignores a folder it cannot read, such as a link out of the
	// site: that is a problem of the folder.
	if _, err := fs.Stat(theme, "layouts"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, diag.List{sitefs.ReadProblem(theme, "layouts", err)}
	}
	names, err := fs.Glob(theme, "layouts/*.html")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("theme has no layouts/*.html")
	}
	var problems diag.List
	for _, name := range names {
		src, err := fs.ReadFile(theme, name)
		if err != nil {
			problems = append(problems, sitefs.ReadProblem(theme, name, err))
			continue
		}
		if _, err := t.New(path.Base(name)).Parse(string(src)); err != nil {
			problems = append(problems, parseProblem(name, err))
		}
	}
	for _, need := range []string{"page.html", "404.html"} {
		if t.Lookup(need) == nil && len(problems) == 0 {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: "layouts/" + need},
				Msg:  "missing: every theme needs it",
				Hint: "add it, or remove your layouts/ folder to use the default theme",
			})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return t, nil
}

var templateErr = regexp.MustCompile(`^template: [^:]*:(\d+):(?:(\d+):)? ?(.*)$`)

// parseProblem places a template's parse error in its file.
func parseProblem(file string, err error) diag.Problem {
	p := diag.Problem{
		Pos:  diag.Position{File: file},
		Msg:  "layout does not parse: " + err.Error(),
		Hint: "see https://pkg.go.dev/text/template for the syntax",
	}
	if m := templateErr.FindStringSubmatch(err.Error()); m != nil {
		p.Pos.Line, _ = strconv.Atoi(m[1])
		p.Pos.Col, _ = strconv.Atoi(m[2])
		p.Msg = "layout does not parse: " + m[3]
	}
	return p
}

// Execute renders layout with data.
func Execute(t *template.Template, layout string, data *PageData) ([]byte, error) {
	var buf bytes.Buffer
	if err := ExecuteTo(&buf, t, layout, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExecuteTo renders layout with data into buf.
func ExecuteTo(buf *bytes.Buffer, t *template.Template, layout string, data *PageData) error {
	if err := t.ExecuteTemplate(buf, layout, data); err != nil {
		return fmt.Errorf("layout %s for %q: %w", layout, "/"+data.URL, err)
	}
	return nil
}

// For picks the layout of the page at the site URL path url:
// section.html for the index page of a folder other than the root,
// home.html for the home page, if the theme has them, else page.html.
func For(t *template.Template, url string, index bool) string {
	name := "page.html"
	switch {
	case url == "":
		name = "home.html"
	case index:
		name = "section.html"
	}
	if t.Lookup(name) != nil {
		return name
	}
	return "page.html"
}

// dict makes a map of key, value pairs, to pass several values to a
// template: {{template "item.html" (dict "Page" $ "Item" .)}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
