package job

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// uiLoop is a stand-in for Fyne's event loop: Deliver queues a function
// and the test runs the queue on its own goroutine.
type uiLoop struct{ queue chan func() }

func newUILoop() *uiLoop { return &uiLoop{queue: make(chan func(), 100)} }

func (l *uiLoop) deliver(f func()) { l.queue <- f }

// until runs queued functions until done is closed.
func (l *uiLoop) until(done <-chan struct{}) {
	for {
		select {
		case f := <-l.queue:
			f()
		case <-done:
			for {
				select {
				case f := <-l.queue:
					f()
				default:
					return
				}
			}
		}
	}
}

func TestAJobRunsOffTheCallerAndDeliversItsEndThroughDeliver(t *testing.T) {
	loop := newUILoop()
	r := New(loop.deliver)
	release := make(chan struct{})
	var got []Progress
	var end error
	endCalls := 0
	j := r.Start(func(ctx context.Context, progress func(Progress)) error {
		<-release // Start must have returned for this to be released
		progress(Progress{Done: 1, Frac: 0.5})
		progress(Progress{Done: 2, Frac: 1})
		return errors.New("disk full")
	}, func(p Progress) { got = append(got, p) }, func(err error) { end = err; endCalls++ })
	close(release)
	loop.until(j.Done())
	if endCalls != 1 || end == nil || end.Error() != "disk full" || j.Err() != end {
		t.Fatalf("done called %d times with %v (Err %v)", endCalls, end, j.Err())
	}
	if len(got) != 2 || got[1].Frac != 1 {
		t.Fatalf("progress %+v, want both reports (the last one is never dropped)", got)
	}
}

func TestCancelEndsTheJobsContext(t *testing.T) {
	loop := newUILoop()
	r := New(loop.deliver)
	started := make(chan struct{})
	j := r.Start(func(ctx context.Context, _ func(Progress)) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}, nil, nil)
	<-started
	if j.Cancelled() || j.Err() != nil {
		t.Fatal("a running job reads as cancelled or ended")
	}
	j.Cancel()
	loop.until(j.Done())
	if !j.Cancelled() || !errors.Is(j.Err(), context.Canceled) {
		t.Fatalf("cancelled %v, error %v", j.Cancelled(), j.Err())
	}
}

func TestProgressIsThinnedToOneDeliveryPerInterval(t *testing.T) {
	var mu sync.Mutex
	delivered := 0
	r := &Runner{Go: func(f func()) { f() }, Deliver: func(f func()) { mu.Lock(); delivered++; mu.Unlock(); f() }, Every: time.Hour}
	r.Start(func(_ context.Context, progress func(Progress)) error {
		for i := range 1000 {
			progress(Progress{Done: i, Frac: float64(i) / 1000})
		}
		progress(Progress{Done: 1000, Frac: 1})
		return nil
	}, func(Progress) {}, nil)
	// The first report, the last (Frac 1), and the end.
	if delivered != 3 {
		t.Fatalf("%d deliveries, want 3", delivered)
	}
}

func TestSyncRunsEverythingBeforeStartReturns(t *testing.T) {
	r := Sync()
	steps := ""
	j := r.Start(func(_ context.Context, progress func(Progress)) error {
		steps += "work "
		progress(Progress{Frac: -1})
		return nil
	}, func(Progress) { steps += "progress " }, func(error) { steps += "done" })
	select {
	case <-j.Done():
	default:
		t.Fatal("Done is not closed when Start returns")
	}
	if steps != "work progress done" {
		t.Fatalf("steps %q", steps)
	}
}

func TestLaterRunsOnceAfterTheDelayUnlessStopped(t *testing.T) {
	delivered := make(chan string, 4)
	r := New(func(f func()) { f() })
	r.Later(10*time.Millisecond, func() { delivered <- "first" })
	stop := r.Later(10*time.Millisecond, func() { delivered <- "stopped" })
	stop()
	if got := <-delivered; got != "first" {
		t.Errorf("delivered %q first", got)
	}
	select {
	case got := <-delivered:
		t.Errorf("a stopped call ran too: %q", got)
	case <-time.After(50 * time.Millisecond):
	}
	ran := false
	Sync().Later(time.Hour, func() { ran = true })
	if !ran {
		t.Error("Sync should run a later call at once")
	}
}
