package builder

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/kettu/kettudocs/builder/search"
)

// The preview loads a site without making its pages' search extracts,
// which were nearly half of loading (a Dict lookup for every word of
// every page): the first page is served sooner, and the extracts are
// made afterwards, in the background, from the pages' sources read and
// parsed again, or when the search index is first asked for, whichever
// comes first. The index is the same either way: an extract depends only
// on the page's bytes, which the page's sum checks.

// laterExtract is the search extract of a page loaded without one.
type laterExtract struct {
	sum [32]byte // of the source the page was loaded from
	x   atomic.Pointer[search.Page]
}

// laterBatch is how many pages the background extracts with one Dict: a
// Dict must not change once an index may read its pages, so each batch's
// extracts are published only once the batch is done; and each Dict
// holds again the words the others have, so not many small ones.
const laterBatch = 2048

// fillExtracts makes the extracts of the pages of order that lack one,
// a batch at a time on all processors but one, until done or ctx is done:
// the preview's background work after loading, left a processor for the
// writer's edits, which it would slow by half otherwise (a body edit at
// 100,000 pages took 103 ms to show, not 58, while it ran on both of two).
func (b *Builder) fillExtracts(ctx context.Context, order []*page) {
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)-1))
	for lo := 0; lo < len(order); lo += laterBatch {
		if ctx.Err() != nil {
			break
		}
		batch := order[lo:min(lo+laterBatch, len(order))]
		g.Go(func() error {
			d := search.NewDict()
			xs := make([]*search.Page, len(batch))
			for i, p := range batch {
				if p.later != nil && p.later.x.Load() == nil && ctx.Err() == nil {
					if x, same := b.extractAgain(d, p); same {
						xs[i] = x // else left for the index to make when asked
					}
				}
			}
			for i, p := range batch {
				if xs[i] != nil {
					p.later.x.CompareAndSwap(nil, xs[i])
				}
			}
			return nil
		})
	}
	g.Wait()
}

// searchExtracts returns the search extracts of pages, making those not made
// yet, in parallel, and keeping them for later indexes.
func (b *Builder) searchExtracts(pages []*page) []*search.Page {
	xs := make([]*search.Page, len(pages))
	var todo []int
	for i, p := range pages {
		switch {
		case p.search != nil:
			xs[i] = p.search
		case p.later != nil && p.later.x.Load() != nil:
			xs[i] = p.later.x.Load()
		default:
			todo = append(todo, i)
		}
	}
	dicts := newDicts()
	kept := make([]bool, len(pages))
	g, gctx := errgroup.WithContext(context.Background())
	forEach(gctx, g, len(todo), func(j int) error {
		i := todo[j]
		d := dicts.get()
		defer dicts.put(d)
		xs[i], kept[i] = b.extractAgain(d, pages[i])
		return nil
	})
	g.Wait()
	// Kept only now: the Dicts change no more.
	for _, i := range todo {
		if p := pages[i]; kept[i] {
			if !p.later.x.CompareAndSwap(nil, xs[i]) {
				xs[i] = p.later.x.Load()
			}
		}
	}
	return xs
}

// extractAgain makes the search extract of p, loaded without one, from
// its source, numbering its terms in d. It reports whether the source is
// the one p was loaded from; when it is not, or cannot be read or parsed
// any more, the extract is of what there is now, or empty: the change
// reaches the preview as an update, whose pages have extracts of their
// own.
func (b *Builder) extractAgain(d *search.Dict, p *page) (*search.Page, bool) {
	empty := &search.Page{URL: p.url, Title: p.title}
	if p.later == nil {
		return empty, false
	}
	src, err := fs.ReadFile(b.cfg.Content, p.file)
	if err != nil {
		return empty, false
	}
	q, _, ok := b.parseWithin(p.file, src)
	if !ok {
		return empty, false
	}
	return d.Extract(q.doc, q.src, p.url, p.title), sha256.Sum256(src) == p.later.sum
}

// The preview's first load does not render its pages either: rendering
// every page's content and Markdown was a fifth of loading, and most
// pages of a big site are never looked at in a preview. A page is
// rendered from the source it was loaded from when it is first asked
// for, as Build renders it: parsed, its links resolved in the site, its
// tree rendered. Its links resolve the same in every Live that shares
// the page: an Update loads again every page whose links a change
// could lead elsewhere (see Live.Update).

// laterRender is the content of a page loaded without rendering it.
type laterRender struct {
	mu   sync.Mutex
	src  []byte // the source the page was loaded from, until rendered
	done bool
	html []byte // its rendered content
	md   []byte // its PAGE/index.md
	err  error
}

// rendered returns the content and Markdown of p, loaded without
// rendering them, rendering them in s on first use. A parse that runs
// out of Config.PageTimeout is not kept: the page parsed in time when it
// was loaded, and the next request tries again, rather than the page
// showing an error until it is edited because the machine was busy once.
func (b *Builder) rendered(s *site, p *page) (html, md []byte, err error) {
	r := p.lazy
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done {
		return r.html, r.md, r.err
	}
	q, _, ok := b.parseWithin(p.file, r.src)
	if !ok {
		return nil, nil, fmt.Errorf("%s: parsing took too long; reload to try again", p.file)
	}
	s.resolveLinks(q) // its problems are p's, reported when it was loaded
	var buf bytes.Buffer
	n, err := b.renderContent(&buf, q)
	if err == nil {
		out := buf.Bytes()
		r.html, r.md = out[:n:n], out[n:]
	}
	r.err, r.done, r.src = err, true, nil
	return r.html, r.md, r.err
}

// renderContent renders the content of p, parsed, into buf, then its
// Markdown for PAGE/index.md, and returns where the Markdown starts.
func (b *Builder) renderContent(buf *bytes.Buffer, p *page) (int, error) {
	if err := b.md.Renderer().Render(bufWriter{buf}, p.src, p.doc); err != nil {
		return 0, fmt.Errorf("%s: rendering: %w", p.file, err)
	}
	n := buf.Len()
	buf.Write(appendPageMarkdown(buf.AvailableBuffer(), p, p.src))
	return n, nil
}
