package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"csatdesk/app/job"
	"csatdesk/data"
	"csatdesk/data/store"
)

func TestMain(m *testing.M) {
	if err := LoadTranslations(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// testNow is the fixed "today" of UI tests.
var testNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)

// newTestUI opens a fresh store in a temp dir and builds the window on a
// headless test app.
func newTestUI(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := New(a, st)
	u.jobs = job.Sync()
	u.dash.now = func() time.Time { return testNow }
	u.entry.now = func() time.Time { return testNow }
	u.entry.date.SetText(testNow.Format("2006-01-02"))
	u.win.Resize(fyne.NewSize(1240, 760))
	return u, st
}

// allResponses reads every stored response of a survey.
func allResponses(t *testing.T, st *store.Store, sid uint64) []data.Response {
	t.Helper()
	var out []data.Response
	if err := st.EachResponse(sid, 0, 0, func(r data.Response) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}
