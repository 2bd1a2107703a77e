package app

import (
	"context"
	"errors"

	"csatdesk/app/job"
)

// run starts work as a job of the window's runner (u.jobs): off the UI
// goroutine, with progress (if not nil) and done called on it. A nil done
// shows the job's error in the window; a cancel is not an error.
func (u *UI) run(work job.Work, progress func(job.Progress), done func(error)) *job.Job {
	if done == nil {
		done = func(err error) {
			if !errors.Is(err, context.Canceled) {
				u.showError(err)
			}
		}
	}
	return u.jobs.Start(func(ctx context.Context, p func(job.Progress)) (err error) {
		defer u.catchPanic(&err) // a panic is an error with a crash log (crash.go)
		return work(ctx, p)
	}, progress, done)
}

// background runs work as a job that cannot fail, then done on the UI
// goroutine: the screens' renders and reads. A panic in work is shown as
// an error (with its crash log) instead of done.
func (u *UI) background(work, done func()) {
	u.jobs.Start(func(context.Context, func(job.Progress)) (err error) {
		defer u.catchPanic(&err)
		work()
		return nil
	}, nil, func(err error) {
		if err != nil {
			u.showError(err)
			return
		}
		done()
	})
}
