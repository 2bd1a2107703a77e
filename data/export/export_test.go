package export

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"csatdesk/data"
)

func TestSafeQuotesFormulaStarts(t *testing.T) {
	cases := map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-2": "'-2", "@x": "'@x", "\tx": "'\tx",
		"fine": "fine", "": "", "4": "4", "Очень доволен": "Очень доволен",
	}
	for in, want := range cases {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSVWritesOneRowPerResponseWithBlanksEmpty(t *testing.T) {
	sv := data.Survey{ID: 1, Name: "Visit"}
	q := data.NewQuestion(data.KindRating, "Overall", 5)
	q.Code = "overall"
	sv.AddQuestion(q)
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Why", 0))
	at := time.Date(2025, 9, 1, 10, 1, 10, 0, time.UTC)
	rs := []data.Response{
		{ID: data.NewResponseID(at), SurveyID: 1, CollectedAt: at, Channel: "paper", FormNumber: "A-1",
			Tags: map[string]string{"location": "Old Town"}, Answers: map[uint32]int{1: 5, 2: 9},
			Texts: map[uint32]string{3: "=HYPERLINK(\"x\")"}, Comment: "call me, 555"},
		{ID: data.NewResponseID(at), SurveyID: 1, CollectedAt: at, Answers: map[uint32]int{1: 2}},
	}
	var buf bytes.Buffer
	n, err := WriteCSV(&buf, &sv, []string{"location"}, func(fn func(data.Response) error) error {
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Fatalf("WriteCSV = %d, %v", n, err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"response_id", "collected_at", "channel", "form_number", "tag:location", "overall", "q2", "q3", "comment"},
		{rs[0].ID.String(), "2025-09-01T10:01:10Z", "paper", "A-1", "Old Town", "5", "9", "'=HYPERLINK(\"x\")", "call me, 555"},
		{rs[1].ID.String(), "2025-09-01T10:01:10Z", "", "", "", "2", "", "", ""},
	}
	for i := range want {
		for j := range want[i] {
			if recs[i][j] != want[i][j] {
				t.Errorf("row %d col %d = %q, want %q", i+1, j+1, recs[i][j], want[i][j])
			}
		}
	}
}
