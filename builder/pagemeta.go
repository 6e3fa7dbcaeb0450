package builder

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/kettu/kettudocs/builder/mdtext"
)

// This file holds what pages say about themselves beyond their content:
// where to edit them and when they last changed (Config.EditURL,
// Config.Updated).

// EditURLError is the error of New for a Config.EditURL that is not an
// absolute http(s) URL.
type EditURLError struct{ URL string }

func (e *EditURLError) Error() string {
	return fmt.Sprintf("edit URL %q: want an absolute URL such as https://github.com/kettu/docs/edit/main/content/", e.URL)
}

// checkEditURL returns u with a trailing slash, or an *EditURLError.
func checkEditURL(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", &EditURLError{URL: u}
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}

// updatedDates calls Config.Updated, once a build; nil when it is not set.
func (b *Builder) updatedDates(ctx context.Context) map[string]time.Time {
	if b.cfg.Updated == nil {
		return nil
	}
	return b.cfg.Updated(ctx)
}

// summaryLen is the most characters of a page's first paragraph its
// summary takes; link previews show about this much.
const summaryLen = 200

// summary returns what link previews say about a page: its front matter
// description, else the text of its first paragraph, cut at a word to at
// most summaryLen characters.
func summary(description string, doc ast.Node, src []byte) string {
	if description != "" {
		return description
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Paragraph); !ok {
			continue
		}
		text := strings.Join(strings.Fields(mdtext.Inline(n, src)), " ")
		if utf8.RuneCountInString(text) <= summaryLen {
			return text
		}
		cut := string([]rune(text)[:summaryLen])
		if i := strings.LastIndexByte(cut, ' '); i > summaryLen/2 {
			cut = cut[:i]
		}
		return strings.TrimRight(cut, " ,;:.") + "…"
	}
	return ""
}

// BrandError is the error of New for a Config.Brand setting that cannot
// be: a file the theme's static files lack, or an accent that is no CSS
// colour.
type BrandError struct {
	Key   string // logo, favicon, accent, extra_css or extra_js, as kettudocs.yaml names it
	Value string
	Why   string
}

func (e *BrandError) Error() string { return fmt.Sprintf("%s %q: %s", e.Key, e.Value, e.Why) }

// accentRE matches the CSS colours an accent may be: #rgb, #rrggbb (with
// alpha), a function of numbers (rgb(), hsl(), oklch()), or a name. It
// is written into a style element, so nothing else may pass.
var accentRE = regexp.MustCompile(`^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab|lch|lab)\([0-9a-zA-Z.,%/ +-]+\)|[a-zA-Z]+)$`)

// checkBrand checks cfg.Brand against the theme's static files.
func (b *Builder) checkBrand() error {
	br := b.cfg.Brand
	file := func(key, name string) error {
		if _, ok := b.names[name]; !ok {
			return &BrandError{Key: key, Value: name, Why: "no such file in static/ of the site or the theme"}
		}
		return nil
	}
	for _, f := range []struct{ key, name string }{{"logo", br.Logo}, {"favicon", br.Favicon}} {
		if f.name != "" {
			if err := file(f.key, f.name); err != nil {
				return err
			}
		}
	}
	for _, name := range br.CSS {
		if err := file("extra_css", name); err != nil {
			return err
		}
	}
	for _, name := range br.JS {
		if err := file("extra_js", name); err != nil {
			return err
		}
	}
	if br.Accent != "" && !accentRE.MatchString(br.Accent) {
		return &BrandError{Key: "accent", Value: br.Accent, Why: "want a CSS colour such as #0a7d5a, rgb(10 125 90) or teal"}
	}
	return nil
}
