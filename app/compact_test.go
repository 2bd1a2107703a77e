package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"csatdesk/app/cli"
	"csatdesk/data/store"
)

func TestFileMenuCompactsTheOpenDatabaseAndTellsTheSizes(t *testing.T) {
	u, st := newTestUI(t)
	first, _, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(first.ID); err != nil {
		t.Fatal(err)
	}
	sv, n, err := cli.CreateSample(st, 8, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.reload()
	found := false
	for _, it := range u.mainMenu().Items[0].Items {
		found = found || it.Label == lang.L("Compact the database…")
	}
	if !found {
		t.Fatal("File has no Compact item")
	}
	var rep store.CompactReport
	var cerr error
	u.compact(func(r store.CompactReport, err error) { rep, cerr = r, err })
	if cerr != nil {
		t.Fatal(cerr)
	}
	fi, _ := os.Stat(st.Path())
	if rep.After >= rep.Before || fi.Size() != rep.After || rep.Responses != uint64(n) {
		t.Errorf("report %+v, file %d bytes, %d responses stored", rep, fi.Size(), n)
	}
	if text := compactedText(rep); !strings.Contains(text, megabytes(rep.Before)) || !strings.Contains(text, megabytes(rep.After)) {
		t.Errorf("the message %q lacks the sizes", text)
	}
	// The window's store goes on reading and writing the compacted file.
	stats, err := st.SurveyStats(sv.ID)
	if err != nil || stats.Responses != uint64(n) {
		t.Errorf("after compacting: %+v, %v", stats, err)
	}
	if _, _, err := cli.CreateSample(st, 9, testNow); err == nil {
		t.Error("a second sample with the same name was accepted")
	}
	if err := st.DeleteSurvey(sv.ID); err != nil {
		t.Errorf("writing after compacting: %v", err)
	}
}
