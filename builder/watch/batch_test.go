package watch

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// deadline bounds every wait of these tests; reaching it is a failure,
// not a timing assumption.
const deadline = 10 * time.Second

// clock is a fake time.After: each quiet period Batch starts is handed to
// the test, which ends it by sending on it. Because the handover is
// unbuffered, receiving a period also tells the test that Batch has taken
// the event that started it.
type clock struct{ periods chan chan time.Time }

func newClock() *clock { return &clock{periods: make(chan chan time.Time)} }

func (c *clock) after(time.Duration) <-chan time.Time {
	p := make(chan time.Time, 1)
	c.periods <- p
	return p
}

func ev(path string, op fsnotify.Op) Event { return Event{Path: path, Op: op} }

// send hands e to Batch, failing when it is not taken in time.
func send(t *testing.T, in chan<- Event, e Event) {
	t.Helper()
	select {
	case in <- e:
	case <-time.After(deadline):
		t.Fatalf("Batch did not take %v", e)
	}
}

func TestBatch(t *testing.T) {
	// A script of steps: send an event (Batch then starts the next quiet
	// period), end a quiet period by its number, or expect a batch. An
	// empty, non-nil want means no batch may be ready.
	type step struct {
		send Event
		fire int
		want []Event
	}
	none := []Event{}
	tests := []struct {
		name  string
		steps []step
	}{
		{"one event", []step{
			{send: ev("a.md", fsnotify.Write)},
			{want: none},
			{fire: 1},
			{want: []Event{ev("a.md", fsnotify.Write)}},
		}},
		{"events for a path merge, in order of first change", []step{
			{send: ev("a.md", fsnotify.Create)},
			{send: ev("b.md", fsnotify.Write)},
			{send: ev("a.md", fsnotify.Write)},
			{send: ev("a.md", fsnotify.Write)},
			{fire: 4},
			{want: []Event{ev("a.md", fsnotify.Create|fsnotify.Write), ev("b.md", fsnotify.Write)}},
		}},
		{"a new event restarts the quiet period", []step{
			{send: ev("a.md", fsnotify.Write)},
			{send: ev("b.md", fsnotify.Write)},
			{fire: 1},
			{want: none},
			{fire: 2},
			{want: []Event{ev("a.md", fsnotify.Write), ev("b.md", fsnotify.Write)}},
		}},
		{"each quiet period ends a batch", []step{
			{send: ev("a.md", fsnotify.Write)},
			{fire: 1},
			{want: []Event{ev("a.md", fsnotify.Write)}},
			{send: ev("a.md", fsnotify.Remove)},
			{want: none},
			{fire: 2},
			{want: []Event{ev("a.md", fsnotify.Remove)}},
		}},
		{"events join a batch the receiver has not taken", []step{
			{send: ev("a.md", fsnotify.Write)},
			{fire: 1},
			{send: ev("b.md", fsnotify.Create)},
			{want: none},
			{fire: 2},
			{want: []Event{ev("a.md", fsnotify.Write), ev("b.md", fsnotify.Create)}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			in := make(chan Event)
			out := Batch(t.Context(), in, time.Second, clk.after)
			var periods []chan time.Time
			for i, s := range tt.steps {
				switch {
				case s.send.Path != "":
					send(t, in, s.send)
					select {
					case p := <-clk.periods:
						periods = append(periods, p)
					case <-time.After(deadline):
						t.Fatalf("step %d: no quiet period started", i)
					}
				case s.fire > 0:
					periods[s.fire-1] <- time.Now()
				case len(s.want) == 0:
					select {
					case b := <-out:
						t.Fatalf("step %d: early batch %v", i, b)
					default:
					}
				default:
					select {
					case b := <-out:
						if !reflect.DeepEqual(b, s.want) {
							t.Fatalf("step %d: batch %v, want %v", i, b, s.want)
						}
					case <-time.After(deadline):
						t.Fatalf("step %d: no batch, want %v", i, s.want)
					}
				}
			}
		})
	}
}

func TestBatchEnds(t *testing.T) {
	tests := []struct {
		name string
		end  func(in chan Event, cancel context.CancelFunc)
		want [][]Event // the batches before the channel closes
	}{
		{"closing the input sends what is pending", func(in chan Event, _ context.CancelFunc) { close(in) },
			[][]Event{{ev("a.md", fsnotify.Write)}}},
		{"cancelling drops what is pending", func(_ chan Event, cancel context.CancelFunc) { cancel() },
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			clk := newClock()
			in := make(chan Event)
			out := Batch(ctx, in, time.Second, clk.after)
			send(t, in, ev("a.md", fsnotify.Write))
			select {
			case <-clk.periods:
			case <-time.After(deadline):
				t.Fatal("no quiet period started")
			}
			tt.end(in, cancel)
			var got [][]Event
			for {
				select {
				case b, ok := <-out:
					if !ok {
						if !reflect.DeepEqual(got, tt.want) {
							t.Errorf("batches %v, want %v", got, tt.want)
						}
						return
					}
					got = append(got, b)
				case <-time.After(deadline):
					t.Fatal("output not closed")
				}
			}
		})
	}
}

// TestBatchRealClock checks that a nil after means time.After.
func TestBatchRealClock(t *testing.T) {
	in := make(chan Event, 1)
	in <- ev("a.md", fsnotify.Write)
	select {
	case b := <-Batch(t.Context(), in, time.Nanosecond, nil):
		if want := []Event{ev("a.md", fsnotify.Write)}; !reflect.DeepEqual(b, want) {
			t.Errorf("batch %v, want %v", b, want)
		}
	case <-time.After(deadline):
		t.Fatal("no batch")
	}
}
