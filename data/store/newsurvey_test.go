package store

import (
	"errors"
	"math/rand/v2"
	"testing"

	"csatdesk/data"
)

func TestNewSurveyWithItsData(t *testing.T) {
	first := data.DayFromDate(2025, 3, 1)

	t.Run("an import into a new survey that is aborted leaves nothing, the survey included", func(t *testing.T) {
		st, _ := openTemp(t)
		mustCreateSurvey(t, st, "Kept")
		before := dumpAll(t, st)
		sv := testSurvey("New")
		tx, err := st.BeginImportNewSurvey(ImportRecord{FileName: "f.csv", Hash: "h"}, &sv)
		if err != nil {
			t.Fatal(err)
		}
		if sv.ID == 0 || tx.Record().SurveyID != sv.ID || !tx.Record().CreatedSurvey {
			t.Fatalf("survey %d, record %+v", sv.ID, tx.Record())
		}
		rng := rand.New(rand.NewPCG(1, 1))
		if err := tx.AddResponses(genResponses(rng, sv.ID, 50, first, 10)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Abort(); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Survey(sv.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("the survey after Abort: %v, want ErrNotFound", err)
		}
		assertSameDump(t, dumpAll(t, st), before)
	})

	t.Run("a pending import into a new survey is rolled back with its survey on open", func(t *testing.T) {
		st, path := openTemp(t)
		sv := testSurvey("New")
		tx, err := st.BeginImportNewSurvey(ImportRecord{FileName: "f.csv", Hash: "h"}, &sv)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		if err := tx.AddResponses(genResponses(rng, sv.ID, 30, first, 10)); err != nil {
			t.Fatal(err)
		}
		st.Close() // as if killed: the import stays pending
		st, err = Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if n := len(st.RecoveredImports()); n != 1 {
			t.Errorf("%d imports rolled back, want 1", n)
		}
		if svs, _ := st.Surveys(); len(svs) != 0 {
			t.Errorf("surveys after the rollback: %+v", svs)
		}
		// The name is free again: no "New (2)".
		again := testSurvey("New")
		if err := st.CreateSurvey(&again); err != nil {
			t.Errorf("the name after the rollback: %v", err)
		}
	})

	t.Run("a finished import keeps its survey, and taking the file out later keeps it too", func(t *testing.T) {
		st, _ := openTemp(t)
		sv := testSurvey("New")
		tx, err := st.BeginImportNewSurvey(ImportRecord{FileName: "f.csv", Hash: "h"}, &sv)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 3))
		if err := tx.AddResponses(genResponses(rng, sv.ID, 20, first, 10)); err != nil {
			t.Fatal(err)
		}
		rec, err := tx.Finish()
		if err != nil {
			t.Fatal(err)
		}
		if rec.CreatedSurvey {
			t.Errorf("the finished record still says it created the survey")
		}
		assertRollupsMatchRecount(t, st, sv.ID)
		if err := st.AbortImport(rec.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Survey(sv.ID); err != nil {
			t.Errorf("the survey after taking its file out: %v", err)
		}
	})

	t.Run("a name taken refuses the import and writes nothing", func(t *testing.T) {
		st, _ := openTemp(t)
		mustCreateSurvey(t, st, "New")
		before := dumpAll(t, st)
		sv := testSurvey("new ")
		if _, err := st.BeginImportNewSurvey(ImportRecord{FileName: "f.csv", Hash: "h"}, &sv); !errors.Is(err, ErrExists) {
			t.Fatalf("got %v, want ErrExists", err)
		}
		assertSameDump(t, dumpAll(t, st), before)
	})

	t.Run("CreateSurveyWith stores the survey and its responses, or neither", func(t *testing.T) {
		st, _ := openTemp(t)
		sv := testSurvey("Sample")
		rng := rand.New(rand.NewPCG(1, 4))
		rs := genResponses(rng, 0, 40, first, 10)
		if err := st.CreateSurveyWith(&sv, rs); err != nil {
			t.Fatal(err)
		}
		stats, err := st.SurveyStats(sv.ID)
		if err != nil || stats.Responses != 40 {
			t.Fatalf("stats %+v, %v", stats, err)
		}
		assertRollupsMatchRecount(t, st, sv.ID)

		before := dumpAll(t, st)
		bad := testSurvey("Bad")
		rs = genResponses(rng, 0, 5, first, 3)
		rs[3].Answers[qCSAT] = 9 // off the scale
		if err := st.CreateSurveyWith(&bad, rs); !errors.Is(err, data.ErrInvalid) {
			t.Fatalf("an invalid response: %v, want ErrInvalid", err)
		}
		if bad.ID != 0 || rs[0].SurveyID != 0 {
			t.Errorf("after the failure: survey ID %d, response survey %d", bad.ID, rs[0].SurveyID)
		}
		assertSameDump(t, dumpAll(t, st), before)
	})
}
