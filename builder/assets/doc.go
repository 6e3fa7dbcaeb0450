// Package assets reads a theme's static files for the output: CSS and JS
// minified and named by a hash of their content ("theme.css" →
// "theme.3f2a9c1b.css"), so hosts can cache them forever, and the
// highlighting stylesheet, "chroma.css", unless the theme brings its own.
// Layouts link an asset by its plain name through the names map Load
// returns. A theme may not bring a file the build writes itself from
// other sources (404.html, sitemap.xml, llms.txt).
package assets
