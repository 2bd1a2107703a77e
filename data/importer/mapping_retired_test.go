package importer

import (
	"strings"
	"testing"

	"csatdesk/data"
)

// After a revision retires a required question (a scale or cut-off change,
// or the question removed once responses exist), a mapping without a
// column for it must still be valid: every later import was refused.
func TestMappingValidateDoesNotRequireRetiredQuestions(t *testing.T) {
	cases := []struct {
		name   string
		revise func(sv *data.Survey)
	}{
		{"a scale change retired the question", func(sv *data.Survey) {
			sv.Questions[3].Retired = true // the 0–10 NPS question 4 …
			q := data.NewQuestion(data.KindRating, "Recommend", 10)
			sv.AddQuestion(q) // … is asked as question 5 now
		}},
		{"a cut-off change retired the question", func(sv *data.Survey) {
			sv.Questions[3].Retired = true
			q := data.NewQuestion(data.KindNPS, "Recommend", 0)
			q.SatisfiedFrom = 10
			sv.AddQuestion(q)
		}},
		{"a required question was removed", func(sv *data.Survey) {
			sv.Questions[3].Retired = true
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sv := testSurvey()
			c.revise(sv)
			m := testMapping()
			if last := sv.Questions[len(sv.Questions)-1]; last.Retired {
				m.Columns[4].Target = TargetIgnore // nothing asks it any more
			} else {
				m.Columns[4].QuestionID = last.ID // the new question holds the column
			}
			if err := m.Validate(sv); err != nil {
				t.Fatalf("a mapping without the retired question is refused: %v", err)
			}
		})
	}
}

// A file exported from a revised survey (or kept from before the revision)
// has rows that answer the retired question and leave the one added in its
// place blank: those rows were collected with the older version, and must
// import as such instead of being refused as "required". A blank retired
// question is never required either.
func TestConvertReadsRowsOfARevisedSurveyByTheVersionTheyAnswer(t *testing.T) {
	sv := &data.Survey{ID: 9, Name: "Visit", Version: 1}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5)) // 1, required, since 1
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0))  // 2, required, since 1
	sv.Questions[0].SinceVersion, sv.Questions[1].SinceVersion = 1, 1
	old := *sv
	old.Questions = append([]data.Question(nil), sv.Questions...)
	edited := old
	edited.Questions = append([]data.Question(nil), old.Questions...)
	edited.Questions[0].SatisfiedFrom = 5 // a cut-off change: retired, asked as question 3
	rev, err := data.Revise(old, edited, true)
	if err != nil {
		t.Fatal(err)
	}
	sv = &rev.Survey
	nq := sv.Questions[0]
	if nq.ID != 3 || nq.Replaces != 1 || sv.Version != 2 {
		t.Fatalf("the revision gave %+v, version %d", nq, sv.Version)
	}
	m := Mapping{Columns: []ColumnMap{
		{Column: 0, Header: "Date", Target: TargetCollectedAt},
		{Column: 1, Header: "overall", Target: TargetQuestion, QuestionID: 3},
		{Column: 2, Header: "Recommend", Target: TargetQuestion, QuestionID: 2},
		{Column: 3, Header: "overall", Target: TargetQuestion, QuestionID: 1},
	}, DateOrder: DMY}
	c, err := NewConverter(sv, m)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		rec     []string
		version int
		problem string
	}{
		{"a row of the new version", []string{"01.09.2023", "5", "9", ""}, 2, ""},
		{"a row that answers the retired question is of the old version", []string{"01.09.2023", "", "9", "4"}, 1, ""},
		{"the old version still requires what it asked", []string{"01.09.2023", "", "", "4"}, 0, "no answer, but the question is required"},
		{"a row of neither still misses the new question", []string{"01.09.2023", "", "9", ""}, 0, "no answer, but the question is required"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, probs := c.Convert(i+2, tc.rec)
			if tc.problem != "" {
				if len(probs) != 1 || probs[0].Reason != tc.problem {
					t.Fatalf("problems %v, want one: %s", probs, tc.problem)
				}
				return
			}
			if len(probs) > 0 {
				t.Fatalf("refused: %v", probs)
			}
			if r.SurveyVersion != tc.version {
				t.Errorf("version %d, want %d", r.SurveyVersion, tc.version)
			}
			if err := r.Validate(sv); err != nil {
				t.Errorf("the row converts to a response Validate refuses: %v", err)
			}
		})
	}
}

// A note about the whole file (what an import replaced) has no row: it
// must not read "row 0: …" on the command line or in the report.
func TestANoteAboutTheWholeFileNamesNoRow(t *testing.T) {
	n := NewProblem(0, -1, "", "", data.NewProblem(KindWouldReplace, "N", 3))
	if got, want := n.String(), "dry run: would replace 3 responses stored before (the same respondent IDs or response IDs)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	p := NewProblem(12, 2, "C", "6", data.NewProblem(KindWouldReplace, "N", 3))
	if got := p.String(); !strings.HasPrefix(got, "row 12, column C") {
		t.Errorf("a problem of a row lost its place: %q", got)
	}
}
