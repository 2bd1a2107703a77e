//go:build crashtest

package app

import "os"

// A crashtest build panics on purpose where CSATDESK_PANIC says: "ui" (the
// Copy chart button, on the UI goroutine) or "job" (the chart render, in
// background work). See crash.go.
func init() { forcedPanic = os.Getenv("CSATDESK_PANIC") }
