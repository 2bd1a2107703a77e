package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
	"csatdesk/data/surveyfile"
)

func runSurveyCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := runSurvey(&Env{Stdout: &stdout, Stderr: &stderr}, args)
	return stdout.String(), err
}

func TestSurveyExportThenImportMakesTheSameSurvey(t *testing.T) {
	db, sid := templateStore(t)
	file := filepath.Join(t.TempDir(), "cafe"+surveyfile.Extension)
	out, err := runSurveyCmd(t, "export", "--db", db, "--survey", "Restaurant / café visit", "--out", file)
	if err != nil || !strings.Contains(out, "Wrote survey") {
		t.Fatalf("export: %v, %q", err, out)
	}
	// Import into a second database: a new survey with the same questions.
	db2 := filepath.Join(t.TempDir(), "other.db")
	out, err = runSurveyCmd(t, "import", file, "--db", db2)
	if err != nil || !strings.Contains(out, "Created survey 1") {
		t.Fatalf("import: %v, %q", err, out)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := st.Survey(sid)
	st.Close()
	st2, err := store.Open(db2, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	got, err := st2.FindSurvey(want.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Questions) != len(want.Questions) || got.Questions[0].ID != want.Questions[0].ID || got.Questions[0].Text != want.Questions[0].Text {
		t.Errorf("imported %+v\nwant %+v", got.Questions, want.Questions)
	}
}

// A definition file that changes a question's scale revises a survey with
// responses through the same rule as the designer: the old question is
// retired, the new one gets a fresh ID, the version is bumped.
func TestSurveyImportRevisesThroughTheRevisionRule(t *testing.T) {
	db, sid := templateStore(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sv, _ := st.Survey(sid)
	main, _ := sv.MainCSAT()
	r := data.Response{SurveyID: sid, CollectedAt: time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{}}
	for _, q := range sv.Active() {
		if q.Numeric() {
			r.Answers[q.ID] = q.Max
		}
	}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Edit the exported file as a user would: a 1–10 scale for the main question.
	file := filepath.Join(t.TempDir(), "cafe"+surveyfile.Extension)
	if _, err := runSurveyCmd(t, "export", "--db", db, "--survey", "1", "--out", file); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(file)
	edited, err := surveyfile.Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range edited.Questions {
		if q.ID == main.ID {
			edited.Questions[i].Max, edited.Questions[i].Labels, edited.Questions[i].SatisfiedFrom = 10, nil, 8
		}
	}
	var buf bytes.Buffer
	if err := surveyfile.Write(&buf, edited); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := runSurveyCmd(t, "import", "--db", db, "--survey", "1", file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "changed scale from 1–5 to 1–10") || !strings.Contains(out, "version 2") {
		t.Errorf("output %q", out)
	}
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, _ := st.Survey(sid)
	old, _ := got.Question(main.ID)
	if got.Version != 2 || !old.Retired || old.Max != 5 || len(got.Active()) != len(sv.Active()) {
		t.Errorf("version %d, old question %+v, %d active", got.Version, old, len(got.Active()))
	}
	if nq, _ := got.MainCSAT(); nq.ID == main.ID || nq.Max != 10 || nq.SinceVersion != 2 {
		t.Errorf("new main question %+v", nq)
	}
}

func TestSurveyCommandSaysWhatIsMissing(t *testing.T) {
	db, _ := templateStore(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"hello": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no action", nil, "export or import?"},
		{"an unknown action", []string{"print"}, "unknown action"},
		{"export without --out", []string{"export", "--db", db, "--survey", "1"}, "--out is required"},
		{"export without --survey", []string{"export", "--db", db, "--out", "x.json"}, "--survey is required"},
		{"import without a file", []string{"import", "--db", db}, "which file?"},
		{"import of a file that is not a survey", []string{"import", bad, "--db", db}, "not a CSAT Desk survey file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := runSurveyCmd(t, c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want %q", err, c.want)
			}
		})
	}
	if _, err := runSurveyCmd(t, "import", bad, "--db", db); !errors.Is(err, surveyfile.ErrFormat) {
		t.Errorf("err %v does not wrap surveyfile.ErrFormat", err)
	}
}

func TestSurveyIsInTheCommandTable(t *testing.T) {
	var buf bytes.Buffer
	if code := Run(&Env{Stdout: &buf, Stderr: &buf}, []string{"survey"}); code != 1 || !strings.Contains(buf.String(), "export or import?") {
		t.Errorf("exit %d, output %q", code, buf.String())
	}
	if !IsCommand("survey") {
		t.Error("survey is not a command")
	}
}
