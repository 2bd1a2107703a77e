package export

import (
	"bytes"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csatdesk/data"
)

func TestWriteXLSXWritesNumbersDatesAndAMonthlySheet(t *testing.T) {
	sv := data.Survey{ID: 1, Name: "Visit"}
	q := data.NewQuestion(data.KindRating, "Overall", 5)
	q.Code = "overall"
	sv.AddQuestion(q)
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Why", 0))
	riga := time.FixedZone("EEST", 3*3600)
	at := time.Date(2025, 9, 1, 10, 1, 0, 0, riga)
	rs := []data.Response{
		{ID: data.NewResponseID(at), SurveyID: 1, CollectedAt: at, Channel: "paper", FormNumber: "A-1",
			Tags: map[string]string{"location": "Old Town"}, Answers: map[uint32]int{1: 5, 2: 9},
			Texts: map[uint32]string{3: "=HYPERLINK(\"x\")"}, Comment: "Очень доволен"},
		{ID: data.NewResponseID(at), SurveyID: 1, CollectedAt: at.AddDate(0, 1, 0), Answers: map[uint32]int{1: 2}},
	}
	monthly := []data.SummaryRow{
		{Label: "Sep 2025", Start: data.DayOf(at), Responses: 1,
			CSAT: data.CSAT{Satisfied: 1, N: 1, Percent: 100, Low: 20.7, High: 100}, HasNPS: true, NPS: data.NPS{N: 1, Score: 100}},
		{Label: "Oct 2025", Start: data.DayOf(at.AddDate(0, 1, 0)), Responses: 1,
			CSAT: data.CSAT{N: 1, Percent: 0, Low: 0, High: 79.3}, HasNPS: true, NPS: data.NPS{Score: math.NaN()}},
	}
	var buf bytes.Buffer
	n, err := WriteXLSX(&buf, &sv, []string{"location"}, func(fn func(data.Response) error) error {
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}, monthly)
	if err != nil || n != 2 {
		t.Fatalf("WriteXLSX = %d, %v", n, err)
	}

	xf, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	if got := xf.GetSheetList(); len(got) != 2 || got[0] != SheetResponses || got[1] != SheetMonthly {
		t.Fatalf("sheets %q", got)
	}
	rows, err := xf.GetRows(SheetResponses)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"response_id", "collected_at", "channel", "form_number", "tag:location", "overall", "q2", "q3", "comment"}
	for i, h := range wantHeader {
		if rows[0][i] != h {
			t.Errorf("header %d = %q, want %q", i, rows[0][i], h)
		}
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	if rows[1][0] != rs[0].ID.String() || rows[1][4] != "Old Town" || rows[1][7] != "=HYPERLINK(\"x\")" || rows[1][8] != "Очень доволен" {
		t.Errorf("row 2 = %q", rows[1])
	}
	// Numbers are numbers, not text.
	for _, c := range []struct{ cell, want string }{{"F2", "5"}, {"G2", "9"}, {"F3", "2"}} {
		typ, err := xf.GetCellType(SheetResponses, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := xf.GetCellValue(SheetResponses, c.cell, excelize.Options{RawCellValue: true})
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || v != c.want {
			t.Errorf("%s: type %v value %q, want the number %s", c.cell, typ, v, c.want)
		}
	}
	if v, _ := xf.GetCellValue(SheetResponses, "G3"); v != "" {
		t.Errorf("a blank answer reads %q", v)
	}
	// The date is a real date: a serial number shown with a date format,
	// at the wall-clock time where it was collected.
	raw, _ := xf.GetCellValue(SheetResponses, "B2", excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("B2 holds %q, not a date serial", raw)
	}
	got, err := excelize.ExcelDateToTime(serial, false)
	if err != nil || !got.Equal(time.Date(2025, 9, 1, 10, 1, 0, 0, time.UTC)) {
		t.Errorf("B2 = %v (%v), want 2025-09-01 10:01", got, err)
	}
	if shown, _ := xf.GetCellValue(SheetResponses, "B2"); shown != "2025-09-01 10:01" {
		t.Errorf("B2 shows %q", shown)
	}

	mrows, err := xf.GetRows(SheetMonthly)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"month", "n", "CSAT %", "CSAT low %", "CSAT high %", "NPS"},
		{"2025-09", "1", "100.0", "20.7", "100.0", "100.0"},
		{"2025-10", "1", "0.0", "0.0", "79.3"},
	}
	if len(mrows) != len(want) {
		t.Fatalf("monthly rows %q", mrows)
	}
	for i := range want {
		for j := range want[i] {
			if j >= len(mrows[i]) || mrows[i][j] != want[i][j] {
				t.Errorf("Monthly row %d = %q, want %q", i+1, mrows[i], want[i])
				break
			}
		}
	}
}
