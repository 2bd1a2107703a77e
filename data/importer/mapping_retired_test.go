package importer

import (
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
