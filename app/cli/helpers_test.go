package cli

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
)

// testNow is the fixed "today" of the command tests.
var testNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)

// sampleDB creates a database with the sample café (seed 3) and returns
// its path and survey.
func sampleDB(t *testing.T) (string, data.Survey) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "sample.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv, _, err := CreateSample(st, 3, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return db, sv
}

// run runs the subcommand args[0] through Run and returns its exit status,
// standard output and standard error.
func run(args ...string) (status int, stdout, stderr string) {
	var out, errb bytes.Buffer
	status = Run(&Env{Stdout: &out, Stderr: &errb}, args)
	return status, out.String(), errb.String()
}
