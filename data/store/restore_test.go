package store

import (
	"errors"
	"math/rand/v2"
	"testing"

	"csatdesk/data"
)

// restoreFixture is a survey with typed responses and an import A, each
// with respondent IDs.
type restoreFixture struct {
	st    *Store
	sv    data.Survey
	typed []data.Response
	a     []data.Response
	aID   uint64
}

func newRestoreFixture(t *testing.T) *restoreFixture {
	t.Helper()
	st, _ := openTemp(t)
	f := &restoreFixture{st: st, sv: mustCreateSurvey(t, st, "Restore")}
	rng := rand.New(rand.NewPCG(11, 12))
	first := data.DayFromDate(2024, 9, 1)
	f.typed = withExt(genResponses(rng, f.sv.ID, 40, first, 20), "T", 0)
	if err := st.AddResponses(f.typed); err != nil {
		t.Fatal(err)
	}
	f.a = withExt(genResponses(rng, f.sv.ID, 60, first, 20), "A", 0)
	f.aID = importAll(t, st, ImportRecord{FileName: "a.csv", Hash: "ha", SurveyID: f.sv.ID}, f.a[:25], f.a[25:])
	return f
}

// deleteSome deletes three of A's responses and two typed ones.
func (f *restoreFixture) deleteSome(t *testing.T) *Deleted {
	t.Helper()
	ids := []data.ResponseID{f.a[3].ID, f.typed[5].ID, f.a[30].ID, f.a[3].ID, f.a[59].ID, f.typed[0].ID}
	d, err := f.st.DeleteResponsesUndoable(f.sv.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 5 || d.SurveyID() != f.sv.ID || len(d.IDs()) != 5 {
		t.Fatalf("deleted %d of survey %d, want 5 of %d", d.Len(), d.SurveyID(), f.sv.ID)
	}
	if _, err := f.st.Response(f.sv.ID, f.a[30].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a deleted response reads %v", err)
	}
	assertConsistent(t, f.st, f.sv.ID)
	return d
}

func TestDeleteAndRestoreKeepEveryByte(t *testing.T) {
	f := newRestoreFixture(t)
	before := dumpAll(t, f.st)
	d := f.deleteSome(t)
	if err := f.st.RestoreResponses(d); err != nil {
		t.Fatal(err)
	}
	assertSameDump(t, dumpAll(t, f.st), before)
	assertConsistent(t, f.st, f.sv.ID)
	if err := f.st.RestoreResponses(d); !errors.Is(err, ErrExists) {
		t.Errorf("restoring twice: %v, want ErrExists", err)
	}

	t.Run("and aborting the import later removes the restored rows too", func(t *testing.T) {
		if err := f.st.AbortImport(f.aID); err != nil {
			t.Fatal(err)
		}
		assertConsistent(t, f.st, f.sv.ID)
		n := 0
		_ = f.st.EachResponse(f.sv.ID, 0, 0, func(r data.Response) error {
			if r.Source != "" {
				t.Errorf("response %s of the import is left", r.ExternalID)
			}
			n++
			return nil
		})
		if n != len(f.typed) {
			t.Errorf("%d responses left, want the %d typed ones", n, len(f.typed))
		}
	})
}

func TestReplacingTheImportWholeRemovesRestoredRows(t *testing.T) {
	f := newRestoreFixture(t)
	d := f.deleteSome(t)
	if err := f.st.RestoreResponses(d); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 14))
	again := withExt(genResponses(rng, f.sv.ID, 60, data.DayFromDate(2024, 9, 1), 20), "A", 0)
	importAll(t, f.st, ImportRecord{FileName: "a.csv", Hash: "ha", SurveyID: f.sv.ID, Replaces: f.aID}, again)
	assertConsistent(t, f.st, f.sv.ID)
	for _, r := range f.a {
		if _, err := f.st.Response(f.sv.ID, r.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("%s of the replaced import is still there (%v)", r.ExternalID, err)
		}
	}
	for ext, rs := range byExt(t, f.st, f.sv.ID) {
		if len(rs) != 1 {
			t.Errorf("%s is stored %d times", ext, len(rs))
		}
	}
}

func TestRestoreRefusesAndWritesNothing(t *testing.T) {
	cases := []struct {
		name string
		// meanwhile changes the store between delete and restore.
		meanwhile func(t *testing.T, f *restoreFixture, d *Deleted)
		want      error
		kind      data.ProblemKind // what the window translates; "" for none
	}{
		{"when a response with one of the IDs is stored again", func(t *testing.T, f *restoreFixture, _ *Deleted) {
			r := f.typed[5]
			r.ExternalID = "someone else"
			if err := f.st.AddResponse(&r); err != nil {
				t.Fatal(err)
			}
		}, ErrExists, KindRestoreStoredAgain},
		{"when the import the responses came with was removed", func(t *testing.T, f *restoreFixture, _ *Deleted) {
			if err := f.st.AbortImport(f.aID); err != nil {
				t.Fatal(err)
			}
		}, ErrNotFound, KindRestoreImportGone},
		{"when another response of the same respondent was stored since", func(t *testing.T, f *restoreFixture, _ *Deleted) {
			r := data.Response{SurveyID: f.sv.ID, CollectedAt: f.a[30].CollectedAt, ExternalID: f.a[30].ExternalID,
				Answers: map[uint32]int{qCSAT: 5, qNPS: 10}}
			if err := f.st.AddResponse(&r); err != nil {
				t.Fatal(err)
			}
		}, ErrExists, KindRestoreRespondentAgain},
		{"when the survey was deleted", func(t *testing.T, f *restoreFixture, _ *Deleted) {
			if err := f.st.DeleteSurvey(f.sv.ID); err != nil {
				t.Fatal(err)
			}
		}, ErrNotFound, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newRestoreFixture(t)
			d := f.deleteSome(t)
			c.meanwhile(t, f, d)
			before := dumpAll(t, f.st)
			err := f.st.RestoreResponses(d)
			if !errors.Is(err, c.want) {
				t.Fatalf("restore: %v, want %v", err, c.want)
			}
			if p, _ := data.ProblemOf(err); c.kind != "" && p.Kind != c.kind {
				t.Errorf("the refusal carries %q, want a problem of kind %q for the window to translate", p.Kind, c.kind)
			}
			assertSameDump(t, dumpAll(t, f.st), before)
		})
	}
}

func TestDeleteUndoableRefusesUnknownIDs(t *testing.T) {
	f := newRestoreFixture(t)
	before := dumpAll(t, f.st)
	_, err := f.st.DeleteResponsesUndoable(f.sv.ID, []data.ResponseID{f.a[0].ID, {1, 2, 3}})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("%v, want ErrNotFound", err)
	}
	assertSameDump(t, dumpAll(t, f.st), before)
	if d, err := f.st.DeleteResponsesUndoable(f.sv.ID, nil); err != nil || d.Len() != 0 || f.st.RestoreResponses(d) != nil {
		t.Errorf("deleting nothing: %v, %v", d, err)
	}
}
