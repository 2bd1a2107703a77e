package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"csatdesk/data"
)

func TestTheDictionaryGivesEachStringOneIndexForGood(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Dict")
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	mk := func(branch string) data.Response {
		return data.Response{SurveyID: sv.ID, CollectedAt: at, Channel: "web", Tags: map[string]string{"branch": branch}, Answers: map[uint32]int{qCSAT: 4, qNPS: 9}}
	}
	// Two batches prepared before either is written (an import's
	// pipeline): both bring the same new strings at the same indexes.
	tx, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "a.csv", Hash: "hash-a"})
	if err != nil {
		t.Fatal(err)
	}
	p1, err := tx.Prepare(ImportBatch{Rows: []data.Response{mk("Harbour")}})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := tx.Prepare(ImportBatch{Rows: []data.Response{mk("Harbour")}})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.AddPrepared(p1); err != nil {
		t.Fatal(err)
	}
	if err := tx.AddPrepared(p2); err != nil {
		t.Errorf("the same strings written meanwhile made the batch stale: %v", err)
	}
	// A batch prepared with a string that another one took the index of
	// meanwhile is stale, and prepared again by Add.
	p3, err := tx.Prepare(ImportBatch{Rows: []data.Response{mk("Old Town")}})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Add(ImportBatch{Rows: []data.Response{mk("Airport")}}); err != nil {
		t.Fatal(err)
	}
	if err := tx.AddPrepared(p3); !errors.Is(err, ErrStale) {
		t.Errorf("a batch whose new string's index was taken: %v, want ErrStale", err)
	}
	if err := tx.Add(p3.Batch()); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Finish(); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	err = st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
		got[r.Tags["branch"]+"/"+r.Channel+"/"+r.Source]++
		return nil
	})
	src := data.SourceImport("hash-a")
	if err != nil || got["Harbour/web/"+src] != 2 || got["Airport/web/"+src] != 1 || got["Old Town/web/"+src] != 1 {
		t.Errorf("responses read back: %v, %v", got, err)
	}
	if err := st.Check(); err != nil {
		t.Error(err)
	}
}

func TestAFullDictionaryTakesNoMoreTagValuesOrChannels(t *testing.T) {
	dc := memDict()
	for i := range maxDictShared {
		dc.strs = append(dc.strs, fmt.Sprint("s", i))
	}
	e := encoder{d: dc}
	id := data.NewResponseID(time.Now())
	r := data.Response{ID: id, SurveyID: 3, CollectedAt: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC),
		Channel: "kiosk 7", Tags: map[string]string{"s5": "unique value 123"}, Answers: map[uint32]int{1: 4}}
	v := mustEncode(t, &e, &r, 0)
	if len(dc.strs) != maxDictShared {
		t.Errorf("the dictionary grew to %d strings", len(dc.strs))
	}
	wall, _ := wallNanos(r.CollectedAt)
	got, err := decodeResponse(dc, 3, appendRespKey(nil, wall, id), v)
	if err != nil || sameStored(got, storedResponse{Response: r}) != nil {
		t.Fatalf("decoded %+v, %v", got, err)
	}
	// A new tag name still goes in: names are a survey's columns.
	r.Tags = map[string]string{"new name": "x"}
	mustEncode(t, &e, &r, 0)
	if len(dc.strs) != maxDictShared+1 || dc.strs[maxDictShared] != "new name" {
		t.Errorf("the dictionary ends with %q", dc.strs[len(dc.strs)-1])
	}
}
