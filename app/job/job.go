// Package job runs the window's background work — loading a file to
// import, an import, an export, a backup, printing forms — one way: each
// job has a context that its Cancel ends, may report progress, and ends
// with an error or none. Progress and the end are handed to the UI
// goroutine by the runner's Deliver (fyne.Do in the window), progress at
// most every Runner.Every, so a job reporting every row does not flood the
// window.
//
// The package has no Fyne in it: the window passes fyne.Do in, and the
// tests here run with -race on plain goroutines. The window's UI tests use
// Sync, which runs a job and its callbacks in place, so they wait on
// nothing (docs/DECISIONS.md, "Background work").
package job

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Progress is how far a job is.
type Progress struct {
	// Done is how many units (rows, bytes, forms) are done.
	Done int
	// Frac is the fraction done, 0…1, or -1 when it cannot be told.
	Frac float64
}

// Work is a job's work. It runs off the UI goroutine, must stop soon after
// ctx is done (returning ctx.Err() or an error wrapping it), and may call
// progress as often as it likes.
type Work func(ctx context.Context, progress func(Progress)) error

// DefaultEvery is the least time between two progress deliveries of a
// runner made by New.
const DefaultEvery = 100 * time.Millisecond

// Runner starts jobs. Its fields are set once, before the first Start.
type Runner struct {
	// Go runs f on another goroutine (Sync: in place).
	Go func(f func())
	// Deliver runs f on the UI goroutine (the window's fyne.Do).
	Deliver func(f func())
	// Every is the least time between two progress deliveries; the last
	// progress (Frac 1) is always delivered.
	Every time.Duration
	// Wait, if set, waits before a delayed call (Later); nil (Sync) does
	// not wait.
	Wait func(d time.Duration, f func())
}

// Later runs f through Deliver after d (a debounce, a busy indicator);
// with Sync, at once. The returned stop keeps f from running if it has
// not yet.
func (r *Runner) Later(d time.Duration, f func()) (stop func()) {
	var stopped atomic.Bool
	run := func() {
		r.Deliver(func() {
			if !stopped.Load() {
				f()
			}
		})
	}
	if r.Wait == nil {
		run()
	} else {
		r.Wait(d, run)
	}
	return func() { stopped.Store(true) }
}

// New returns a runner that starts each job on a goroutine of its own and
// hands its progress and end to deliver.
func New(deliver func(f func())) *Runner {
	return &Runner{Go: func(f func()) { go f() }, Deliver: deliver, Every: DefaultEvery,
		Wait: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
}

// Sync returns a runner that runs a job, its progress and its end in
// place: Start returns when the job is done. UI tests use it.
func Sync() *Runner {
	return &Runner{Go: func(f func()) { f() }, Deliver: func(f func()) { f() }}
}

// Job is a started job.
type Job struct {
	cancel    context.CancelFunc
	cancelled atomic.Bool
	done      chan struct{}
	err       error // set before done is closed
}

// Cancel asks the job to stop. Its done callback still runs, with the
// job's error (normally context.Canceled, unless it had finished).
func (j *Job) Cancel() {
	j.cancelled.Store(true)
	j.cancel()
}

// Cancelled reports whether Cancel was called.
func (j *Job) Cancelled() bool { return j.cancelled.Load() }

// Done is closed once the job's done callback has run.
func (j *Job) Done() <-chan struct{} { return j.done }

// Err is the job's error, once Done is closed.
func (j *Job) Err() error {
	select {
	case <-j.done:
		return j.err
	default:
		return nil
	}
}

// Start runs work through the runner. onProgress (if not nil) gets its
// progress and done (if not nil) its error, both through Deliver; after
// done, the job's Done channel is closed.
func (r *Runner) Start(work Work, onProgress func(Progress), done func(error)) *Job {
	ctx, cancel := context.WithCancel(context.Background())
	j := &Job{cancel: cancel, done: make(chan struct{})}
	var mu sync.Mutex
	var last time.Time
	report := func(p Progress) {
		if onProgress == nil {
			return
		}
		mu.Lock()
		now := time.Now()
		skip := r.Every > 0 && p.Frac < 1 && !last.IsZero() && now.Sub(last) < r.Every
		if !skip {
			last = now
		}
		mu.Unlock()
		if !skip {
			r.Deliver(func() { onProgress(p) })
		}
	}
	r.Go(func() {
		err := work(ctx, report)
		cancel() // release the context's resources
		r.Deliver(func() {
			j.err = err
			if done != nil {
				done(err)
			}
			close(j.done)
		})
	})
	return j
}
