//go:build race

package ingest

// raceEnabled shrinks the kill test's file: children built with -race are
// several times slower.
const raceEnabled = true
