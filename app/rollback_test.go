package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/store"
)

// pendingDB makes a database holding an import of "visits.csv" that was
// never finished (as after a kill), and returns its path.
func pendingDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "csatdesk.db")
	st, err := store.Open(path, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Visits", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied are you?", 5))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	tx, err := st.BeginImport(store.ImportRecord{SurveyID: sv.ID, FileName: "visits.csv", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var rs []data.Response
	for i := range 500 {
		rs = append(rs, data.Response{SurveyID: sv.ID, CollectedAt: testNow.Add(-time.Duration(i) * time.Hour), Channel: "paper",
			Answers: map[uint32]int{sv.Questions[0].ID: 1 + i%5}})
	}
	if err := tx.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	return path
}

// rollbackLabels returns the texts of the labels in o.
func rollbackLabels(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// TestRollbackWindowSaysWhatItUndoesThenOpens: opening a database that
// holds an interrupted import shows "Undoing an interrupted import…"
// naming the file, rolls it back (reporting progress to the end) and then
// starts the main window on the database, which holds none of it.
func TestRollbackWindowSaysWhatItUndoesThenOpens(t *testing.T) {
	a := test.NewTempApp(t)
	path := pendingDB(t)
	if got := store.PendingImports(path); len(got) != 1 || got[0] != "visits.csv" {
		t.Fatalf("PendingImports: %v", got)
	}
	var last store.RollbackProgress
	served := make(chan *store.Store, 1)
	opened := make(chan *UI, 1)
	rollbackOpened = func(u *UI) { opened <- u }
	newRollbackUI = func(a fyne.App, st *store.Store) *UI { return &UI{app: a, st: st, win: a.NewWindow("main")} }
	defer func() { rollbackOpened, newRollbackUI = func(*UI) {}, New }()
	w := RollbackWindow(a, path, "visits.csv", store.Options{OnRollback: func(p store.RollbackProgress) { last = p }},
		func(st *store.Store) func() { served <- st; return func() {} })
	text := rollbackLabels(w.Content().(*fyne.Container).Objects[0])
	if !strings.Contains(text, "Undoing an interrupted import…") || !strings.Contains(text, "visits.csv") {
		t.Errorf("the window says %q", text)
	}
	select {
	case <-opened:
	case <-time.After(30 * time.Second):
		t.Fatal("the main window was not started")
	}
	st := <-served
	t.Cleanup(func() { st.Close() })
	if last.Total == 0 || last.Done != last.Total || last.FileName != "visits.csv" {
		t.Errorf("the last progress report: %+v", last)
	}
	if len(st.RecoveredImports()) != 1 {
		t.Errorf("rolled back %v", st.RecoveredImports())
	}
	svs, err := st.Surveys()
	if err != nil || len(svs) != 1 {
		t.Fatal(svs, err)
	}
	if stats, _ := st.SurveyStats(svs[0].ID); stats.Responses != 0 {
		t.Errorf("%d responses of the interrupted import are left", stats.Responses)
	}
}

// TestOpenErrorNamesTheHolder: a database another process holds is
// explained with that process: what it is, its process ID and since when.
func TestOpenErrorNamesTheHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "csatdesk.db")
	st, err := store.Open(path, store.Options{Create: true, Holder: store.HolderWindow})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = store.Open(path, store.Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("got %v", err)
	}
	text := openErrorText(path, err)
	want := fmt.Sprintf("is open in the CSAT Desk window (process %d, since ", os.Getpid())
	if !strings.Contains(text, want) {
		t.Errorf("%q does not say %q", text, want)
	}
}
