//go:build crashtest

package app

import "os"

// A crashtest build panics on purpose where CSATDESK_PANIC says: "ui" (the
// Copy chart button, on the UI goroutine), "job" (the chart render, in
// background work) or "goroutine" (Copy chart starts a goroutine that
// panics). See crash.go.
func init() { forcedPanic = os.Getenv("CSATDESK_PANIC") }
