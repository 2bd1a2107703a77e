package store

import (
	"errors"
	"sort"
	"testing"
	"time"

	"csatdesk/data"
)

func TestFormNumbersListsEveryResponsesFormNumber(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	answers := map[uint32]int{}
	for _, q := range sv.Questions {
		if q.Numeric() && q.Required {
			answers[q.ID] = q.Max
		}
	}
	var rs []data.Response
	for i, f := range []string{"A-0001", "A-0002", "", "A-0002", "B-0010"} {
		rs = append(rs, data.Response{SurveyID: sv.ID, CollectedAt: at.Add(time.Duration(i) * time.Hour), FormNumber: f, Answers: answers})
	}
	if err := st.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	got, err := st.FormNumbers(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	want := []string{"A-0001", "A-0002", "A-0002", "B-0010"}
	if len(got) != len(want) {
		t.Fatalf("form numbers %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("form numbers %q, want %q", got, want)
		}
	}
	if _, err := st.FormNumbers(sv.ID + 99); err == nil {
		t.Error("form numbers of a missing survey: no error")
	}
}

func TestSetSettingThroughWritesThroughABorrowedStore(t *testing.T) {
	st, _ := openTemp(t)
	b := st.Borrow()
	if err := b.SetSetting("k", []byte("v")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("SetSetting on a borrowed store: %v, want ErrReadOnly", err)
	}
	if err := b.SetSettingThrough("k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if v, err := st.Setting("k"); err != nil || string(v) != "v" {
		t.Errorf("setting %q, %v", v, err)
	}
}
