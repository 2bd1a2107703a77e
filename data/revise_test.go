package data

import (
	"errors"
	"reflect"
	"testing"
)

// storedSurvey is version 3 of a survey: Overall 1–5 (1), Staff yes/no (2),
// Comment (3), and a retired Speed 1–7 (4).
func storedSurvey() Survey {
	sv := Survey{ID: 7, Name: "Visit", Version: 3}
	sv.AddQuestion(NewQuestion(KindRating, "Overall", 5))
	sv.AddQuestion(NewQuestion(KindYesNo, "Friendly staff?", 0))
	sv.AddQuestion(NewQuestion(KindText, "Comment", 0))
	sv.AddQuestion(NewQuestion(KindRating, "Speed", 7))
	sv.Questions[3].Retired = true
	for i := range sv.Questions {
		sv.Questions[i].SinceVersion = 1
	}
	return sv
}

func ids(qs []Question) []uint32 {
	out := []uint32{}
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}

func TestReviseKeepsOldAnswersMeaningful(t *testing.T) {
	cases := []struct {
		name         string
		responses    bool
		edit         func(sv *Survey)
		wantActive   []uint32 // IDs of the active questions, in order
		wantRetired  []uint32 // IDs of the retired questions, in order
		wantVersion  int
		wantChanges  []ChangeKind
		wantNewSince int // SinceVersion of the last active question
	}{
		{"without responses a scale changes in place", false,
			func(sv *Survey) {
				sv.Questions[0].Max, sv.Questions[0].Labels, sv.Questions[0].SatisfiedFrom = 10, nil, 8
			},
			[]uint32{1, 2, 3}, []uint32{4}, 3, nil, 1},
		{"without responses a removed question is dropped", false,
			func(sv *Survey) { sv.Questions = append(sv.Questions[:1:1], sv.Questions[2:]...) },
			[]uint32{1, 3}, []uint32{4}, 3, nil, 1},
		{"without responses a new question starts with the current version", false,
			func(sv *Survey) { sv.Questions = append(sv.Questions, NewQuestion(KindNPS, "Recommend", 0)) },
			[]uint32{1, 2, 3, 5}, []uint32{4}, 3, nil, 3},
		{"text, labels and required change in place once responses exist", true,
			func(sv *Survey) {
				sv.Questions[0].Text, sv.Questions[0].Required = "Overall, how was it?", false
				sv.Questions[1].Labels = []string{"Nope", "Yes!"}
			},
			[]uint32{1, 2, 3}, []uint32{4}, 3, nil, 1},
		{"a scale change retires the question and adds a new one", true,
			func(sv *Survey) {
				sv.Questions[0].Max, sv.Questions[0].Labels, sv.Questions[0].SatisfiedFrom = 10, nil, 8
			},
			[]uint32{5, 2, 3}, []uint32{4, 1}, 4, []ChangeKind{ChangeScale}, 1},
		{"a cut-off change retires the question", true,
			func(sv *Survey) { sv.Questions[0].SatisfiedFrom = 5 },
			[]uint32{5, 2, 3}, []uint32{4, 1}, 4, []ChangeKind{ChangeCutoff}, 1},
		{"a kind change retires the question", true,
			func(sv *Survey) {
				q := NewQuestion(KindNPS, "Friendly staff?", 0)
				q.ID = 2
				sv.Questions[1] = q
			},
			[]uint32{1, 5, 3}, []uint32{4, 2}, 4, []ChangeKind{ChangeKindOf}, 1},
		{"a removed question is retired", true,
			func(sv *Survey) { sv.Questions = append(sv.Questions[:1:1], sv.Questions[2:]...) },
			[]uint32{1, 3}, []uint32{4, 2}, 4, []ChangeKind{ChangeRemoved}, 1},
		{"a question marked retired is retired", true,
			func(sv *Survey) { sv.Questions[1].Retired = true },
			[]uint32{1, 3}, []uint32{4, 2}, 4, []ChangeKind{ChangeRemoved}, 1},
		{"a new question starts with the new version", true,
			func(sv *Survey) { sv.AddQuestion(NewQuestion(KindNPS, "Recommend", 0)) },
			[]uint32{1, 2, 3, 5}, []uint32{4}, 4, []ChangeKind{ChangeAdded}, 4},
		{"retired questions left out are kept", true,
			func(sv *Survey) { sv.Questions = sv.Active() },
			[]uint32{1, 2, 3}, []uint32{4}, 3, nil, 1},
		{"the version never goes down", true,
			func(sv *Survey) { sv.Version = 1 },
			[]uint32{1, 2, 3}, []uint32{4}, 3, nil, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old := storedSurvey()
			edited := storedSurvey()
			c.edit(&edited)
			rev, err := Revise(old, edited, c.responses)
			if err != nil {
				t.Fatal(err)
			}
			sv := rev.Survey
			var retired []Question
			for _, q := range sv.Questions {
				if q.Retired {
					retired = append(retired, q)
				}
			}
			if got := ids(sv.Active()); !reflect.DeepEqual(got, c.wantActive) {
				t.Errorf("active questions %v, want %v", got, c.wantActive)
			}
			if got := ids(retired); !reflect.DeepEqual(got, c.wantRetired) {
				t.Errorf("retired questions %v, want %v", got, c.wantRetired)
			}
			if sv.Version != c.wantVersion || rev.Bumped != (c.wantVersion > 3 && c.responses) {
				t.Errorf("version %d (bumped %v), want %d", sv.Version, rev.Bumped, c.wantVersion)
			}
			var kinds []ChangeKind
			for _, ch := range rev.Changes {
				kinds = append(kinds, ch.What)
			}
			if !reflect.DeepEqual(kinds, c.wantChanges) {
				t.Errorf("changes %v, want %v", kinds, c.wantChanges)
			}
			replaced := map[uint32]uint32{} // new ID → the ID it replaces
			for _, ch := range rev.Changes {
				if ch.What != ChangeAdded && ch.What != ChangeRemoved {
					replaced[ch.New.ID] = ch.Old.ID
				}
			}
			for _, q := range sv.Questions {
				if q.Replaces != replaced[q.ID] {
					t.Errorf("question %d replaces %d, want %d", q.ID, q.Replaces, replaced[q.ID])
				}
			}
			act := sv.Active()
			if got := act[len(act)-1].SinceVersion; got != c.wantNewSince {
				t.Errorf("the last question is asked since version %d, want %d", got, c.wantNewSince)
			}
			for _, q := range retired {
				if o, ok := old.Question(q.ID); !ok || MeaningChanged(o, q) {
					t.Errorf("retired question %d does not keep its stored meaning: %+v", q.ID, q)
				}
			}
			if sv.NextQuestionID <= maxID(sv) {
				t.Errorf("NextQuestionID %d would reuse an ID", sv.NextQuestionID)
			}
			again, err := Revise(old, sv, c.responses)
			if err != nil {
				t.Fatalf("revising the revision: %v", err)
			}
			if !reflect.DeepEqual(again.Survey, sv) {
				t.Errorf("Revise is not idempotent:\n got %+v\nwant %+v", again.Survey, sv)
			}
		})
	}
}

func maxID(sv Survey) uint32 {
	var m uint32
	for _, q := range sv.Questions {
		m = max(m, q.ID)
	}
	return m
}

func TestReviseSaysWhatChangedWhere(t *testing.T) {
	old := storedSurvey()
	edited := storedSurvey()
	edited.Questions[0].SatisfiedFrom = 3
	edited.Questions = append(edited.Questions[:1:1], edited.Questions[2:]...) // Friendly staff? removed
	edited.Questions = append([]Question{NewQuestion(KindCES, "Easy?", 0)}, edited.Questions...)
	rev, err := Revise(old, edited, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{What: ChangeAdded, N: 1, New: rev.Survey.Questions[0]},
		{What: ChangeCutoff, N: 2, Old: old.Questions[0], New: rev.Survey.Questions[1]},
	}
	if len(rev.Changes) != 3 || !reflect.DeepEqual(rev.Changes[:2], want) {
		t.Fatalf("changes %+v", rev.Changes)
	}
	if c := rev.Changes[2]; c.What != ChangeRemoved || c.N != 2 || c.Old.ID != 2 || !c.Old.Retired {
		t.Errorf("removal %+v", c)
	}
	if got := ids(rev.Added); !reflect.DeepEqual(got, []uint32{5, 6}) {
		t.Errorf("added %v", got)
	}
	if got := ids(rev.Retired); !reflect.DeepEqual(got, []uint32{1, 2}) {
		t.Errorf("retired %v", got)
	}
}

func TestReviseRefusesWhatWouldChangeStoredAnswers(t *testing.T) {
	cases := []struct {
		name      string
		responses bool
		edit      func(sv *Survey)
		want      RevisionProblem
	}{
		{"another survey", false, func(sv *Survey) { sv.ID = 8 }, ProblemOtherSurvey},
		{"an ID of a deleted question", false, func(sv *Survey) {
			q := NewQuestion(KindRating, "Back", 5)
			q.ID = 6
			sv.Questions = append(sv.Questions, q)
		}, ProblemReusedID},
		{"two questions with one ID", false, func(sv *Survey) { sv.Questions[1].ID = 1 }, ProblemDuplicateID},
		{"a retired question asked again", true, func(sv *Survey) { sv.Questions[3].Retired = false }, ProblemRetiredBack},
		{"a retired question's scale changed", true, func(sv *Survey) {
			sv.Questions[3].Max, sv.Questions[3].Labels, sv.Questions[3].SatisfiedFrom = 10, nil, 8
		}, ProblemRetiredChanged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old := storedSurvey()
			old.NextQuestionID = 9 // questions 5–8 existed and were deleted before any response
			edited := storedSurvey()
			c.edit(&edited)
			_, err := Revise(old, edited, c.responses)
			var re *RevisionError
			if !errors.As(err, &re) || re.Problem != c.want || !errors.Is(err, ErrRevision) {
				t.Fatalf("err %v, want problem %d", err, c.want)
			}
		})
	}
}

func TestReviseWithoutResponsesLetsARetiredQuestionBeAskedAgain(t *testing.T) {
	edited := storedSurvey()
	edited.Questions[3].Retired = false
	rev, err := Revise(storedSurvey(), edited, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(rev.Survey.Active()); !reflect.DeepEqual(got, []uint32{1, 2, 3, 4}) {
		t.Errorf("active %v", got)
	}
}

func TestReviseReportsTheFirstValidationProblem(t *testing.T) {
	edited := storedSurvey()
	edited.Questions[0].Text = " "
	_, err := Revise(storedSurvey(), edited, true)
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err %v, want a validation error", err)
	}
}

// A question that arrives already retired (a survey file with history) is
// never asked: it makes no new version, and its version is not above the
// survey's.
func TestReviseANewRetiredQuestionMakesNoVersion(t *testing.T) {
	old := storedSurvey()
	edited := storedSurvey()
	q := NewQuestion(KindRating, "From an older form", 5)
	q.Retired = true
	edited.Questions = append(edited.Questions, q)
	rev, err := Revise(old, edited, true)
	if err != nil {
		t.Fatal(err)
	}
	last := rev.Survey.Questions[len(rev.Survey.Questions)-1]
	if rev.Bumped || !last.Retired || last.SinceVersion > rev.Survey.Version {
		t.Errorf("bumped %v, question %+v in a survey of version %d", rev.Bumped, last, rev.Survey.Version)
	}
}
