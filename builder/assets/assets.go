package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/markdown"
	"github.com/kettu/kettudocs/builder/sitefs"
)

// A File is a file of the output that comes from the theme.
type File struct {
	Out string   // slash path in the output
	Sum [32]byte // SHA-256 of its bytes

	data []byte
	// read reads the bytes, for a file whose sum the theme knew (see
	// sitefs.SumFS) and which needs no minifying: read only when the
	// output needs them.
	read func() ([]byte, error)
}

// Data returns the bytes of f.
func (f File) Data() ([]byte, error) {
	if f.read == nil {
		return f.data, nil
	}
	data, err := f.read()
	if err == nil && sha256.Sum256(data) != f.Sum {
		err = fmt.Errorf("%s: not the file the theme was made with (its sum differs); build kettudocs again", f.Out)
	}
	return data, err
}

// builtFrom names the files the build writes itself, and what it makes
// them from. A theme's static file may not take their names, for it
// would be one output file with two sources; a content file may, and
// replaces the build's (see the package doc, section Output).
var builtFrom = map[string]string{
	"404.html":    "layouts/404.html",
	"sitemap.xml": "the pages",
	"llms.txt":    "the pages",
}

// Load reads the theme's static/ folder. CSS and JS files get a
// content hash in their name ("theme.css" → "theme.3f2a9c1b.css") so hosts
// can cache them forever; names maps each to its output path. The
// generated highlighting stylesheet is one of them, as "chroma.css".
func Load(theme fs.FS) (files []File, names map[string]string, err error) {
	names = make(map[string]string)
	add := func(name string, data []byte) {
		data = minifyAsset(name, data)
		sum := sha256.Sum256(data)
		out := hashedName(name, sum)
		names[name] = out
		files = append(files, File{Out: out, Sum: sum, data: data})
	}
	css, err := markdown.HighlightCSS()
	if err != nil {
		return nil, nil, err
	}
	if _, err := fs.Stat(theme, "static"); err != nil {
		if !errors.Is(err, fs.ErrNotExist) { // such as a link out of the site
			return nil, nil, diag.List{sitefs.ReadProblem(theme, "static", err)}
		}
		add("chroma.css", css)
		return files, names, nil
	}
	var problems diag.List
	err = sitefs.Walk(theme, "static", func(name string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			return nil
		}
		out := strings.TrimPrefix(name, "static/")
		if sum, ok := sitefs.Sum256(theme, name); ok && err == nil && builtFrom[out] == "" && !minifies(out) {
			hashed := hashedName(out, sum)
			names[out] = hashed
			files = append(files, File{Out: hashed, Sum: sum, read: func() ([]byte, error) { return fs.ReadFile(theme, name) }})
			return nil
		}
		var data []byte
		if err == nil {
			data, err = fs.ReadFile(theme, name)
		}
		if err != nil {
			problems = append(problems, sitefs.ReadProblem(theme, name, err))
			return nil
		}
		if builtFrom[out] != "" {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: name},
				Msg:  fmt.Sprintf("the build writes %s itself, from %s", out, builtFrom[out]),
				Hint: fmt.Sprintf("to replace the build's %s, put yours in the site's content/ folder", out),
			})
			return nil
		}
		add(out, data)
		return nil
	})
	if err == nil && len(problems) > 0 {
		err = problems
	}
	if _, ok := names["chroma.css"]; !ok {
		add("chroma.css", css)
	}
	return files, names, err
}

// hashedName returns the output name of an asset: name with its sum
// in it for CSS and JS files, name itself for others.
func hashedName(name string, sum [32]byte) string {
	ext := path.Ext(name)
	if ext != ".css" && ext != ".js" {
		return name
	}
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
