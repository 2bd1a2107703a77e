package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
)

// Regression: after a scale change, or a required question removed, once a
// survey had responses, every later import into it was refused ("… is
// required, but no column holds its answers") because the retired question
// still counted as required.
func TestImportIntoARevisedSurveyIsAccepted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "revised.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sv := data.Survey{Name: "Counter"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall satisfaction", 5)) // 1, required
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us", 0))  // 2, required
	sv.AddQuestion(data.NewQuestion(data.KindYesNo, "Found everything", 0))      // 3, required
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC),
		Answers: map[uint32]int{1: 4, 2: 9, 3: 1}}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	// The 1–5 scale becomes 1–10 and "Found everything" is removed.
	edited := sv
	edited.Questions = []data.Question{data.NewQuestion(data.KindRating, "Overall satisfaction", 10), sv.Questions[1]}
	edited.Questions[0].ID = 1
	if err := st.SaveSurvey(&edited); err != nil {
		t.Fatal(err)
	}
	if len(edited.Active()) != 2 || len(edited.Questions) != 4 || edited.Version != 2 {
		t.Fatalf("the revision stored %+v", edited)
	}
	st.Close()

	csv := filepath.Join(t.TempDir(), "new.csv")
	body := "Date,Overall satisfaction,Would you recommend us\n2025-04-01,9,10\n2025-04-02,7,8\n"
	if err := os.WriteFile(csv, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, csv, "--db", db, "--survey", "Counter")
	if err != nil {
		t.Fatalf("the import into the revised survey is refused: %v\n%s", err, out)
	}
	if !strings.Contains(out, "imported 2, skipped 0") {
		t.Fatalf("output:\n%s", out)
	}
	if n := countResponses(t, db); n != 3 {
		t.Errorf("%d responses stored, want 3", n)
	}
}
