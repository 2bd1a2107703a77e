package store

import (
	"errors"
	"testing"
	"time"

	"csatdesk/data"
)

// Every caller of SaveSurvey (the designer, the survey list, the command
// line, survey-definition files) goes through data.Revise in the store:
// none can change what stored answers mean.
func TestSaveSurveyRevisesOnceResponsesExist(t *testing.T) {
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "Counter")

	t.Run("without responses a scale changes in place", func(t *testing.T) {
		e := sv
		e.Questions = append([]data.Question(nil), sv.Questions...)
		e.Questions[0] = data.NewQuestion(data.KindRating, e.Questions[0].Text, 7)
		e.Questions[0].ID = qCSAT
		if err := st.SaveSurvey(&e); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Survey(sv.ID)
		if q, _ := got.Question(qCSAT); q.Max != 7 || q.Retired || got.Version != 1 {
			t.Errorf("question %+v, version %d", q, got.Version)
		}
		sv = got
	})

	r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{qCSAT: 6, qNPS: 9}}
	if err := st.AddResponse(&r); err != nil {
		t.Fatal(err)
	}

	t.Run("a scale change in place is saved as a new version", func(t *testing.T) {
		e := sv
		e.Questions = append([]data.Question(nil), sv.Questions...)
		e.Questions[0] = data.NewQuestion(data.KindRating, e.Questions[0].Text, 10)
		e.Questions[0].ID = qCSAT
		rev, err := st.ReviseSurvey(&e)
		if err != nil {
			t.Fatal(err)
		}
		if !rev.Bumped || len(rev.Retired) != 1 || rev.Retired[0].ID != qCSAT || len(rev.Added) != 1 {
			t.Errorf("revision %+v", rev)
		}
		got, _ := st.Survey(sv.ID)
		old, _ := got.Question(qCSAT)
		nq := got.Active()[0]
		if got.Version != 2 || !old.Retired || old.Max != 7 || nq.ID == qCSAT || nq.Max != 10 || nq.SinceVersion != 2 {
			t.Errorf("version %d, old %+v, new %+v", got.Version, old, nq)
		}
		if e.Version != 2 || len(e.Questions) != len(got.Questions) {
			t.Errorf("the stored survey is not written back: %+v", e)
		}
		sv = got
	})

	t.Run("a question left out is retired, not deleted", func(t *testing.T) {
		e := sv
		e.Questions = sv.Active()[:1] // NPS, CES, yes/no and comment left out
		if err := st.SaveSurvey(&e); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Survey(sv.ID)
		if q, ok := got.Question(qNPS); !ok || !q.Retired || got.Version != 3 || len(got.Active()) != 1 {
			t.Errorf("NPS %+v (found %v), version %d, %d active", q, ok, got.Version, len(got.Active()))
		}
		sv = got
	})

	t.Run("saving the stored survey again changes nothing", func(t *testing.T) {
		e := sv
		if err := st.SaveSurvey(&e); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Survey(sv.ID)
		if got.Version != sv.Version || len(got.Questions) != len(sv.Questions) {
			t.Errorf("version %d → %d, %d → %d questions", sv.Version, got.Version, len(sv.Questions), len(got.Questions))
		}
	})

	refused := []struct {
		name string
		edit func(e *data.Survey)
		want data.RevisionProblem
	}{
		{"a retired question asked again", func(e *data.Survey) {
			for i := range e.Questions {
				e.Questions[i].Retired = false
			}
		}, data.ProblemRetiredBack},
		{"a question ID given twice", func(e *data.Survey) {
			q := data.NewQuestion(data.KindRating, "Reused", 5)
			q.ID = e.NextQuestionID - 1
			e.Questions = append(e.Active(), q)
		}, data.ProblemDuplicateID},
	}
	for _, c := range refused {
		t.Run(c.name+" is refused", func(t *testing.T) {
			e := sv
			e.Questions = append([]data.Question(nil), sv.Questions...)
			c.edit(&e)
			_, err := st.ReviseSurvey(&e)
			var re *data.RevisionError
			if !errors.As(err, &re) || re.Problem != c.want || !errors.Is(err, data.ErrRevision) {
				t.Fatalf("err %v, want problem %d", err, c.want)
			}
			got, _ := st.Survey(sv.ID)
			if got.Version != sv.Version || len(got.Questions) != len(sv.Questions) {
				t.Error("a refused save wrote something")
			}
		})
	}

	// The rule holds on disk: reopen the file and look.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	got, err := st2.Survey(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 3 || len(got.Active()) != 1 || len(got.Questions) != 6 {
		t.Errorf("reopened: version %d, %d active of %d", got.Version, len(got.Active()), len(got.Questions))
	}
}

func TestSaveSurveyRefusesAReusedQuestionID(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Counter")
	e := sv
	e.Questions = sv.Questions[:qYesNo] // the comment question is deleted: no answers yet
	if err := st.SaveSurvey(&e); err != nil {
		t.Fatal(err)
	}
	back := data.NewQuestion(data.KindRating, "Back under an old ID", 5)
	back.ID = qText
	e.Questions = append(e.Questions, back)
	var re *data.RevisionError
	if err := st.SaveSurvey(&e); !errors.As(err, &re) || re.Problem != data.ProblemReusedID {
		t.Fatalf("err %v, want a reused ID refused", err)
	}
	e.Questions[len(e.Questions)-1].ID = 0 // a new question gets a fresh ID
	if err := st.SaveSurvey(&e); err != nil {
		t.Fatal(err)
	}
	if q := e.Questions[len(e.Questions)-1]; q.ID != qText+1 {
		t.Errorf("the new question got ID %d, want %d", q.ID, qText+1)
	}
}

// A response collected with an older version of a revised survey (an
// import row that answers the retired question) is stored with that
// version, so neither it nor a later edit of it is refused for missing the
// question added in the retired one's place; a response that names no
// version, or one the survey never had, gets the current one.
func TestResponsesKeepTheVersionTheyWereCollectedWith(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Counter")
	first := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{qCSAT: 4, qNPS: 9}}
	if err := st.AddResponse(&first); err != nil {
		t.Fatal(err)
	}
	e := sv
	e.Questions = append([]data.Question(nil), sv.Questions...)
	e.Questions[0].SatisfiedFrom = 5 // retires qCSAT; a required copy is asked from version 2
	rev, err := st.ReviseSurvey(&e)
	if err != nil || !rev.Bumped {
		t.Fatalf("revise: %+v, %v", rev, err)
	}
	old := data.Response{SurveyID: sv.ID, SurveyVersion: 1, CollectedAt: time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{qCSAT: 5, qNPS: 10}}
	unversioned := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2024, 6, 2, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{rev.Added[0].ID: 5, qNPS: 10}}
	future := data.Response{SurveyID: sv.ID, SurveyVersion: 9, CollectedAt: time.Date(2024, 6, 3, 10, 0, 0, 0, time.UTC), Answers: map[uint32]int{rev.Added[0].ID: 5, qNPS: 10}}
	rs := []data.Response{old, unversioned, future}
	if err := st.AddResponses(rs); err != nil {
		t.Fatalf("an older version's response was refused: %v", err)
	}
	for i, want := range []int{1, 2, 2} {
		got, err := st.Response(sv.ID, rs[i].ID)
		if err != nil || got.SurveyVersion != want {
			t.Errorf("response %d stored with version %d (%v), want %d", i, got.SurveyVersion, err, want)
		}
	}
	for _, r := range []data.Response{first, rs[0]} {
		stored, _ := st.Response(sv.ID, r.ID)
		stored.Comment = "called back"
		if err := st.UpdateResponse(stored); err != nil {
			t.Errorf("editing a response of version %d: %v", stored.SurveyVersion, err)
		}
		again, _ := st.Response(sv.ID, r.ID)
		if again.SurveyVersion != 1 {
			t.Errorf("the edit moved the response to version %d", again.SurveyVersion)
		}
	}
}
