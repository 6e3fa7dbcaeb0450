// Package sanitize makes what the writers of a page wrote safe to publish.
//
// A docs site takes pull requests from many people, so what a page's
// writer wrote in raw HTML, and the URLs of Markdown links and images, are
// sanitized by default: a page cannot run script in its readers' browsers.
// Only what the writer wrote goes through the sanitizer; the HTML the
// builder makes itself (permalinks, highlighted code, table wrappers) is
// rendered from the tree and never is, so the theme keeps its markup.
//
// The sanitizing happens on the tree, right after parsing, so that check
// reports the same warnings as build: each raw HTML node is replaced by a
// node holding its sanitized HTML, each link with a URL the policy refuses
// by its text, each such image by its alternative text.
//
// The builder runs Doc on every page unless its site trusts its writers
// (unsafe_html), and renders with Extension. ActiveFile says which files
// cannot be published from a page's writers at all: those a browser runs
// where they are served, such as .html, .svg and .js.
package sanitize
