// Package frontmatter reads the front matter a page may start with: YAML
// between "---" lines, or TOML between "+++" lines. Extension parses it
// with goldmark; Read decodes it into Meta, the keys kettudocs knows
// (title, description, weight, draft), keeps the other keys for layouts,
// and reports what is wrong at its line: invalid YAML, a near miss of a
// known key ("tilte"), front matter that swallows the page.
//
// Nearly every page's front matter is a title and a weight written the
// plainest way; that is read without the YAML scanner (see simple.go),
// with the same result.
//
// The front matter extension takes a run of three or more "-" (YAML) or
// "+" (TOML) at the top of a page as opening front matter, and everything
// up to the same run on a line of its own as its data. When that line
// never comes, the whole page is front matter, and its headings are YAML
// comments: the page would be published empty without a word. So the
// builder wraps the extension's parser to learn where front matter opened
// and whether it closed, and reports front matter that swallows the page.
package frontmatter
