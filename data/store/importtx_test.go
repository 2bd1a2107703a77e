package store

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"csatdesk/data"
)

func TestImportTx(t *testing.T) {
	first := data.DayFromDate(2025, 3, 1)

	t.Run("a batch's rows and what it replaces are written together or not at all", func(t *testing.T) {
		st, _ := openTemp(t)
		sv := mustCreateSurvey(t, st, "S")
		rng := rand.New(rand.NewPCG(1, 2))
		typed := genResponses(rng, sv.ID, 3, first, 3)
		if err := st.AddResponses(typed); err != nil {
			t.Fatal(err)
		}
		before := dumpAll(t, st)
		tx, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "f.csv", Hash: "hf"})
		if err != nil {
			t.Fatal(err)
		}
		rows := genResponses(rng, sv.ID, 5, first, 5)
		bad := genResponse(rng, sv.ID, first)
		bad.ID = typed[1].ID
		bad.Answers[qCSAT] = 9 // off the scale
		err = tx.Add(ImportBatch{Rows: slices.Clone(rows), Replace: []data.ResponseID{typed[0].ID}, Same: []data.Response{bad}})
		if !errors.Is(err, data.ErrInvalid) {
			t.Fatalf("a batch with an invalid row to replace: %v, want ErrInvalid", err)
		}
		if rec, _ := st.Import(tx.ID()); rec.Added != 0 || rec.State != ImportPending {
			t.Errorf("record %+v after the failed batch", rec)
		}
		if err := tx.Abort(); err != nil {
			t.Fatal(err)
		}
		assertSameDump(t, dumpAll(t, st), before)

		tx, err = st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "f.csv", Hash: "hf"})
		if err != nil {
			t.Fatal(err)
		}
		good := bad
		good.Answers = map[uint32]int{qCSAT: 5, qNPS: 10}
		if err := tx.Add(ImportBatch{Rows: rows, Replace: []data.ResponseID{typed[0].ID}, Same: []data.Response{good}}); err != nil {
			t.Fatal(err)
		}
		if got, err := st.Response(sv.ID, typed[0].ID); err != nil || sameResponse(got, typed[0]) != nil {
			t.Errorf("the response to replace changed before Finish: %+v, %v", got, err)
		}
		rec, err := tx.Finish()
		if err != nil {
			t.Fatal(err)
		}
		if rec.State != ImportDone || rec.Added != 6 || rec.Replaced != 2 || rec.Finished.IsZero() {
			t.Errorf("Finish returned %+v; want done, 6 added, 2 replaced", rec)
		}
		if _, err := st.Response(sv.ID, typed[0].ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("the replaced response is still there: %v", err)
		}
		if got, err := st.Response(sv.ID, typed[1].ID); err != nil || got.Answers[qCSAT] != 5 || got.Source != data.SourceImport("hf") {
			t.Errorf("the row with a stored ID reads %+v, %v", got, err)
		}
		assertConsistent(t, st, sv.ID)
	})

	t.Run("a batch prepared for one import is refused by another", func(t *testing.T) {
		st, _ := openTemp(t)
		sv := mustCreateSurvey(t, st, "S")
		a, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "a.csv", Hash: "ha"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "b.csv", Hash: "hb"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.Prepare(ImportBatch{Rows: genResponses(rand.New(rand.NewPCG(3, 4)), sv.ID, 4, first, 2)})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.AddPrepared(p); err == nil {
			t.Fatal("import b wrote a batch prepared for import a")
		}
		if err := a.AddPrepared(p); err != nil {
			t.Fatal(err)
		}
		if ra, _ := st.Import(a.ID()); ra.Added != 4 {
			t.Errorf("import a added %d", ra.Added)
		}
		if rb, _ := st.Import(b.ID()); rb.Added != 0 {
			t.Errorf("import b added %d", rb.Added)
		}
	})

	t.Run("Repeats leaves out the import replaced whole", func(t *testing.T) {
		st, _ := openTemp(t)
		sv := mustCreateSurvey(t, st, "S")
		rs := withExt(genResponses(rand.New(rand.NewPCG(5, 6)), sv.ID, 3, first, 2), "R", 0)
		earlier := importAll(t, st, ImportRecord{SurveyID: sv.ID, FileName: "x.csv", Hash: "hx"}, rs)
		tx, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "x.csv", Hash: "hx", Replaces: earlier})
		if err != nil {
			t.Fatal(err)
		}
		if rp, err := st.Repeats(sv.ID, rs[0].ID, rs[0].ExternalID, tx.Record().Replaces); err != nil || !rp.SameID || !rp.SameIDReplaced || len(rp.ByExt) != 0 {
			t.Errorf("Repeats %+v, %v; want the same ID, of the import replaced whole, and no respondent", rp, err)
		}
		if rp, _ := st.Repeats(sv.ID, rs[0].ID, rs[0].ExternalID, 0); len(rp.ByExt) != 1 {
			t.Errorf("Store.Repeats without the import found %+v", rp)
		}
	})
}
