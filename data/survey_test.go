package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func testSurvey() Survey {
	s := Survey{ID: 1, Name: "Visit"}
	s.AddQuestion(NewQuestion(KindRating, "Overall satisfaction", 5))
	s.AddQuestion(NewQuestion(KindNPS, "Recommend us?", 0))
	s.AddQuestion(NewQuestion(KindRating, "Delivery speed", 5))
	t := NewQuestion(KindText, "Comments", 0)
	s.AddQuestion(t)
	return s
}

func TestNewQuestionsOfEveryKindValidate(t *testing.T) {
	for _, k := range Kinds {
		for _, pts := range []int{3, 5, 7, 10} {
			q := NewQuestion(k, "Something", pts)
			q.ID = 1
			if err := q.Validate(1); err != nil {
				t.Errorf("%s/%d: %v", k, pts, err)
			}
		}
	}
}

func TestSurveyValidationNamesTheProblem(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*Survey)
		want   string
	}{
		{"no name", func(s *Survey) { s.Name = " " }, "no name"},
		{"no questions", func(s *Survey) { s.Questions = nil }, "no questions"},
		{"bad scale", func(s *Survey) { s.Questions[0].Max = 8 }, "1–3, 1–4, 1–5, 1–6, 1–7, 1–10 or 0–10, not 1–8"},
		{"cut-off outside the scale", func(s *Survey) { s.Questions[2].SatisfiedFrom = 6 }, "Question 3 'Delivery speed': the satisfied cut-off 6 is outside the 1–5 scale"},
		{"duplicate codes", func(s *Survey) { s.Questions[0].Code = "x"; s.Questions[1].Code = "X" }, "share the code name"},
		{"reserved code", func(s *Survey) { s.Questions[3].Code = "Comment" }, "used by the export"},
		{"empty text", func(s *Survey) { s.Questions[1].Text = "" }, "Question 2 has no text"},
		{"wrong label count", func(s *Survey) { s.Questions[0].Labels = []string{"a"} }, "1 labels for 5 scale points"},
		{"choice with one option", func(s *Survey) {
			q := NewQuestion(KindChoice, "Pick", 0)
			q.Choices, q.Max = []string{"only"}, 1
			s.AddQuestion(q)
		}, "needs 2 to 10 choices"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := testSurvey()
			c.mutate(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate() = %v, want an ErrInvalid containing %q", err, c.want)
			}
		})
	}
	s := testSurvey()
	if err := s.Validate(); err != nil {
		t.Fatalf("valid survey refused: %v", err)
	}
}

func TestResponseValidation(t *testing.T) {
	s := testSurvey()
	at := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
	ok := func() Response {
		return Response{SurveyID: 1, CollectedAt: at, Answers: map[uint32]int{1: 5, 2: 9, 3: 4}}
	}
	cases := []struct {
		name   string
		mutate func(*Response)
		want   string
	}{
		{"valid", func(*Response) {}, ""},
		{"out of range", func(r *Response) { r.Answers[3] = 6 }, "Question 3 'Delivery speed': 6 is outside the 1–5 scale"},
		{"missing required", func(r *Response) { delete(r.Answers, 1) }, "Question 1 'Overall satisfaction' is required"},
		{"unknown question", func(r *Response) { r.Answers[99] = 1 }, "question #99"},
		{"number for a text question", func(r *Response) { r.Answers[4] = 1 }, "takes text"},
		{"no date", func(r *Response) { r.CollectedAt = time.Time{} }, "no date"},
		{"reserved tag", func(r *Response) { r.Tags = map[string]string{"channel": "x"} }, "may not be called"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ok()
			c.mutate(&r)
			err := r.Validate(&s)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Validate() = %v, want %q", err, c.want)
			}
		})
	}
	r := ok()
	delete(r.Answers, 1)
	if m, isMissing := IsMissingAnswer(r.Validate(&s)); !isMissing || m.QuestionID != 1 {
		t.Errorf("missing answer not reported as such: %v", m)
	}
}

func TestResponseIDsSortByTimeAndRoundTrip(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := NewResponseID(t0)
	for i := 0; i < 1000; i++ {
		id := NewResponseID(t0.Add(time.Duration(i/10) * time.Millisecond))
		if string(id[:]) <= string(prev[:]) {
			t.Fatalf("ID %d not increasing: %s after %s", i, id, prev)
		}
		prev = id
	}
	back, err := ParseResponseID(prev.String())
	if err != nil || back != prev {
		t.Fatalf("round trip %s → %s, %v", prev, back, err)
	}
	if _, err := ParseResponseID("xyz"); err == nil {
		t.Error("garbage ID accepted")
	}
}
