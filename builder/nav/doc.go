// Package nav makes a site's navigation: the tree of its sections and
// pages, the reading order, each page's view of the tree, the listing
// pages of big sections, and the sidebar and "On this page" markup of the
// default theme.
//
// Build makes the Tree once a build from every page's URL, title and
// weight; entries are ordered by weight (unweighted last), then title. A
// page's navigation (Tree.At) shows the way to the page and no more, so
// that its cost does not grow with the site: the top level, and the
// entries of each section on the way down, that section open. Other
// sections are closed: a link to their page. Each list shows at most 25
// entries, a window around the entry on the way; Item.Before and
// Item.After count the entries left out and link to the listing page that
// has them (ListingURL), 100 entries a page.
//
// View.Items is that navigation as data, for themes that range over it;
// View.HTML renders it as the default theme's sidebar, in Go rather than
// with templates, since with some 75 entries a page it was three quarters
// of a build's template work, nearly all of it html/template calling its
// escapers by reflection. It escapes exactly as html/template does.
//
// Links are relative (see package siteurl), or, on pages outside the tree
// such as 404.html, start with a prefix (Tree.Top).
package nav
