package ingest

import (
	"os"
	"strconv"
	"testing"
)

// envSoakRuns, when set to a positive number, replaces the run count of
// every kill test: `make soak` sets it to run each one a thousand times
// (the same variable as app/cli's kill tests).
const envSoakRuns = "CSATDESK_SOAK_RUNS"

// soakRuns is the number of kill runs a test makes: def normally, short
// under -short, and the envSoakRuns value when that is set.
func soakRuns(def, short int) int {
	if n, err := strconv.Atoi(os.Getenv(envSoakRuns)); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return def
}
