package main

import (
	"context"
	"fmt"
	"path"

	"github.com/kettu/kettudocs"
	"github.com/kettu/kettudocs/builder"
	"github.com/kettu/kettudocs/builder/diag"
	"github.com/kettu/kettudocs/internal/gitfs"
)

// since returns, as problems, every link to the site as it was published
// at the git ref that the site as it is, built by now, would break: URLs
// that no page, alias or file serves any more, and ids a page lost. The
// site at ref is read from git's objects: nothing is checked out.
func since(ctx context.Context, f *siteFlags, now *builder.Builder, ref string) (diag.List, error) {
	folder, err := gitfs.Open(ctx, f.contentDir(), ref)
	if err != nil {
		return nil, diag.List{{Msg: "--since: " + err.Error(), Hint: "name a commit the repository has: a tag, a branch (origin/main), a hash"}}
	}
	// Pages are read; other files only need their names.
	fsys, err := folder.FS(ctx, builder.MaxPageSize, func(name string) bool { return path.Ext(name) == ".md" })
	if err != nil {
		return nil, err
	}
	renames, err := folder.Renames(ctx)
	if err != nil {
		return nil, err
	}
	// Row ids come from the codes spec: the one of now, so that a code
	// the spec still has keeps the id its row had.
	conf, err := loadConfig(f.source)
	if err != nil {
		return nil, err
	}
	reg, err := loadSpec(f.source, conf, f.codesAnywhere)
	if err != nil {
		return nil, err
	}
	old, err := builder.New(builder.Config{Content: fsys, Theme: kettudocs.Theme(), Codes: reg})
	if err != nil {
		return nil, fmt.Errorf("the site at %s: %w", ref, err)
	}
	was, err := old.Published(ctx)
	if err != nil {
		return nil, fmt.Errorf("the site at %s: %w", ref, err)
	}
	is, err := now.Published(ctx)
	if err != nil {
		return nil, err
	}
	return is.Gone(was, renames, ref), nil
}
