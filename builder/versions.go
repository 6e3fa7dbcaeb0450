package builder

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/builder/layout"
	"github.com/kettu/kettudocs/builder/siteurl"
)

// A Version is one version of a site whose versions are published side by
// side, each built by a Builder of its own into a folder of the site: the
// latest at the site's root, older ones in folders such as v9/. See the
// package doc, section Versions.
type Version struct {
	Label string // as readers know it: "v10"
	// Path is the version's folder in the site, a slash path ending in
	// "/" ("v9/"); "" for the site's root.
	Path string
	// Latest marks the version readers should read: pages of the others
	// say so in a banner that leads to it, and their canonical links
	// point at it.
	Latest bool
	// Pages holds the URLs of the version's pages ("gateway/", "" for its
	// home page), so that the version menu leads to the same page in it
	// when it has one, else to its home page. It is read when the site
	// is written, so a caller may fill it after Load, from the Loaded
	// site of that version (Loaded.Pages).
	Pages map[string]bool
}

// checkVersions checks Config.Versions and Config.Version.
func checkVersions(vs []Version, this int) error {
	if len(vs) == 0 {
		return nil
	}
	if this < 0 || this >= len(vs) {
		return fmt.Errorf("builder: Version %d is not one of the %d Versions", this, len(vs))
	}
	latest := 0
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Label == "" {
			return fmt.Errorf("builder: a version without a label")
		}
		if v.Path != "" && (!strings.HasSuffix(v.Path, "/") || path.Clean(v.Path)+"/" != v.Path || strings.HasPrefix(v.Path, "/") || strings.HasPrefix(v.Path, "../")) {
			return fmt.Errorf("builder: version %s: path %q is not a folder of the site such as v9/", v.Label, v.Path)
		}
		if seen[v.Path] {
			return fmt.Errorf("builder: two versions at /%s", v.Path)
		}
		seen[v.Path] = true
		if v.Latest {
			latest++
		}
	}
	if latest != 1 {
		return fmt.Errorf("builder: %d versions are the latest, want one", latest)
	}
	return nil
}

// setVersions gives the page d, at URL d.URL, its version menu: every
// version, each linking to the page in it when it has that page, else to
// its home page; the latest version's entry when this is not the latest;
// the link to the changelog; and its canonical link (versionPermalink).
// It leaves d as it is for a site of one version.
func (b *Builder) setVersions(d *layout.PageData) {
	vs := b.cfg.Versions
	if len(vs) == 0 {
		return
	}
	u := d.URL
	this := vs[b.cfg.Version]
	// From this page up to the site's root (the folder of every version),
	// then down into the other version.
	up := siteurl.Root(u) + strings.Repeat("../", strings.Count(this.Path, "/"))
	menu := make([]layout.VersionLink, len(vs))
	for i, v := range vs {
		l := layout.VersionLink{Label: v.Label, Latest: v.Latest, Current: i == b.cfg.Version}
		switch {
		case l.Current:
			l.Href, l.Same = siteurl.Rel(u, u), true
		case v.Pages[u]:
			l.Href, l.Same = siteurl.Safe(up+v.Path+u), true
		default:
			l.Href = siteurl.Safe(up + v.Path)
		}
		if l.Href == "" {
			l.Href = "./"
		}
		menu[i] = l
		if v.Latest {
			if !l.Current {
				d.Latest = &menu[i]
			}
			if b.cfg.Changelog != "" {
				d.Changelog = siteurl.Safe(up + v.Path + b.cfg.Changelog)
			}
		}
	}
	d.Versions = menu
	d.Permalink = b.versionPermalink(u)
}

// versionKey says which versions have the page at URL u, for the build
// cache: what the version menu of a page shows besides what every page
// shows (which siteKey has).
func (b *Builder) versionKey(u string) string {
	if len(b.cfg.Versions) == 0 {
		return ""
	}
	key := make([]byte, len(b.cfg.Versions))
	for i, v := range b.cfg.Versions {
		key[i] = '0'
		if v.Pages[u] {
			key[i] = '1'
		}
	}
	return string(key)
}

// versionPermalink returns the canonical URL of the page at u: in a
// version that is not the latest, the page's URL in the latest version
// when it has the page, so that search engines send readers there.
func (b *Builder) versionPermalink(u string) string {
	vs := b.cfg.Versions
	if len(vs) == 0 || vs[b.cfg.Version].Latest {
		return b.permalink(u)
	}
	for _, v := range vs {
		if v.Latest && v.Pages[u] {
			root := b.permalink("")
			if root == "" {
				return ""
			}
			return strings.TrimSuffix(root, vs[b.cfg.Version].Path) + v.Path + u
		}
	}
	return b.permalink(u)
}

// versionProblems reports the pages and files of a version's content
// that would be written where another version is published: content/v9/
// of the latest version, beside a version at v9/.
func (b *Builder) versionProblems(s *site) diag.List {
	vs := b.cfg.Versions
	if len(vs) == 0 {
		return nil
	}
	this := vs[b.cfg.Version].Path
	var problems diag.List
	seen := map[string]bool{}
	for _, pr := range b.products(s) {
		for _, v := range vs {
			rel, ok := strings.CutPrefix(v.Path, this)
			if v.Path == this || !ok || !strings.HasPrefix(pr.Out, rel) || pr.From == "" || seen[pr.From] {
				continue
			}
			seen[pr.From] = true
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: pr.From},
				Msg:  fmt.Sprintf("%s would be written to /%s%s, in the folder of version %s", pr.From, this, pr.Out, v.Label),
				Hint: fmt.Sprintf("move it out of %s, or publish version %s at another path (versions in kettudocs.yaml)", rel, v.Label),
			})
		}
	}
	return problems
}

// versionsAsset reports whether the theme's asset out is the stylesheet
// of versions, which a site of one version need not publish.
func versionsAsset(out string) bool { return strings.HasPrefix(out, "versions.") }

// versionLabel returns the label of the version being built, "" for a
// site of one version.
func (b *Builder) versionLabel() string {
	if len(b.cfg.Versions) == 0 {
		return ""
	}
	return b.cfg.Versions[b.cfg.Version].Label
}

// sitemapped reports whether the build writes sitemap.xml: with an
// absolute base URL, for the latest version only, whose pages are those
// search engines should list.
func (b *Builder) sitemapped() bool {
	return b.permalink("") != "" && (len(b.cfg.Versions) == 0 || b.cfg.Versions[b.cfg.Version].Latest)
}

// versionsKey returns what the version menu of every page shows, for the
// build cache (see versionKey for what differs from page to page).
func (b *Builder) versionsKey() string {
	if len(b.cfg.Versions) == 0 {
		return ""
	}
	var k strings.Builder
	fmt.Fprintf(&k, "%d %q", b.cfg.Version, b.cfg.Changelog)
	for _, v := range b.cfg.Versions {
		fmt.Fprintf(&k, " %q %q %v", v.Label, v.Path, v.Latest)
	}
	return k.String()
}

// madeNames adds the names of the pages Config.Made makes to s, so that
// links to them resolve before they are made, and returns them, sorted,
// but for those the content has a file of: those are problems.
func (b *Builder) madeNames(s *site) ([]string, diag.List) {
	var problems diag.List
	made := slices.Sorted(maps.Keys(b.cfg.Made))
	made = slices.DeleteFunc(made, func(name string) bool {
		if s.mdFiles[name] {
			problems = append(problems, diag.Problem{
				Pos:  diag.Position{File: name},
				Msg:  fmt.Sprintf("%s is a page the build makes", name),
				Hint: "rename or remove this file: the build writes that page itself",
			})
			return true
		}
		s.addMarkdown(name)
		return false
	})
	return made, problems
}

// makePages makes and loads the pages names of Config.Made from the code
// rows of loaded, the other pages (nil for those that could not be read),
// as loadPage loads a page of the content; keep is loadPage's.
func (b *Builder) makePages(s *site, names []string, loaded []*page, dicts dicts, keep func(p *page, out []byte, n, m int) error) ([]*page, diag.List, error) {
	var pages []*page
	for _, p := range loaded {
		if p != nil && !b.leftOut(p) && b.cfg.Made[p.file] == nil {
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *page) int { return strings.Compare(a.file, b.file) })
	rows := rowsOf(pages)
	var made []*page
	var problems diag.List
	for _, name := range names {
		src, err := b.cfg.Made[name](rows)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		// Not from the cache, and not kept in it: it is made anew from
		// the other pages every time.
		p, probs, err := b.loadSource(s, name, src, sha256.Sum256(src), stamp{}, dicts, keep, nil)
		if err != nil {
			return nil, nil, err
		}
		made = append(made, p)
		problems = append(problems, probs...)
	}
	return made, problems, nil
}
