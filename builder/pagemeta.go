package builder

import (
	"context"
	"fmt"
	"net/url"
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
