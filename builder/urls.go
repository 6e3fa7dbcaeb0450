package builder

import (
	"fmt"
	"net/url"
	"strings"
)

// BaseURLError is the error of New for a Config.BaseURL that is neither
// an absolute URL nor an absolute path.
type BaseURLError struct{ URL string }

func (e *BaseURLError) Error() string {
	return fmt.Sprintf("base URL %q: want an absolute URL such as https://example.com/docs/ or a path such as /docs/", e.URL)
}

// escapePath escapes each segment of a site-relative URL path ("my page/"
// → "my%20page/"), for places that take URLs as they are, such as
// sitemap.xml; html/template escapes links in pages by itself.
func escapePath(u string) string {
	segs := strings.Split(u, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
