// Package watch reports changes to the files below a folder, in batches,
// so that a preview server rebuilds once per save instead of once per
// file system event.
//
// A Watcher turns fsnotify's events into Events, watching every folder
// below its root (including folders created later) and ignoring editor
// temporary files. Batch debounces any channel of Events:
//
//	w, err := watch.New("site", skip)
//	...
//	for batch := range watch.Batch(ctx, w.Events(), 100*time.Millisecond, nil) {
//		rebuild(batch)
//	}
//
// The two are apart so that tests can feed Batch from a plain channel and
// drive its clock, with no real file system and no sleeps.
package watch

import (
	"context"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Event is a change to one file or folder.
type Event struct {
	Path string      // the changed file or folder, as the root joined with its path below it
	Op   fsnotify.Op // what happened; in a batch, every op seen for Path
}

// Batch collects the events arriving on in and sends them on the returned
// channel as one batch once no event has arrived for quiet: an editor's
// save (a temporary file, a rename, a write, a chmod) or a git checkout
// becomes one batch. A batch holds one Event per path, in the order the
// paths first changed, with the ops of all its events.
//
// While a batch waits for the receiver (a rebuild is running), Batch keeps
// reading in, so the sender never blocks; new events join the waiting
// batch and restart the quiet period.
//
// after starts the quiet period; nil means time.After. The returned channel
// is closed when ctx is done or, after a last batch of what is pending,
// when in is closed.
func Batch(ctx context.Context, in <-chan Event, quiet time.Duration, after func(time.Duration) <-chan time.Time) <-chan []Event {
	if after == nil {
		after = time.After
	}
	out := make(chan []Event)
	go func() {
		defer close(out)
		var (
			pending []Event
			index   = make(map[string]int) // path → position in pending
			timer   <-chan time.Time       // the current quiet period; nil when none runs
			ready   chan<- []Event         // out once the quiet period ended, else nil
		)
		for {
			select {
			case <-ctx.Done():
				return
			case e, ok := <-in:
				if !ok {
					if len(pending) > 0 {
						select {
						case out <- pending:
						case <-ctx.Done():
						}
					}
					return
				}
				if i, ok := index[e.Path]; ok {
					pending[i].Op |= e.Op
				} else {
					index[e.Path] = len(pending)
					pending = append(pending, e)
				}
				// Only the newest period counts: an older one ending is
				// never seen, as its channel is no longer selected.
				timer, ready = after(quiet), nil
			case <-timer:
				timer, ready = nil, out
			case ready <- pending:
				pending, index, ready = nil, make(map[string]int), nil
			}
		}
	}()
	return out
}
