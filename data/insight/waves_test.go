package insight_test

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/store"
)

func TestABatchHoldsItsOwnFormNumbersOnly(t *testing.T) {
	b := insight.PrintBatch{Prefix: "RIG-", First: 101, Count: 50}
	for s, want := range map[string]bool{
		"RIG-0101": true, "RIG-0150": true, "RIG-0151": false, "RIG-0100": false,
		"0120": false, "JEL-0120": false, "RIG-": false, "RIG-+120": false, "RIG-12a": false, " RIG-0120 ": true,
	} {
		if got := b.Holds(s); got != want {
			t.Errorf("Holds(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestResponseRateCountsEachReturnedFormOnce(t *testing.T) {
	batches := []insight.PrintBatch{{First: 1, Count: 100}, {Prefix: "B", First: 1, Count: 50}}
	forms := []string{"0001", "0002", "0002", "0100", "0101", "B0007", "", "C0001"}
	r := insight.ResponseRate(batches, forms)
	if r.Printed != 150 || r.Returned != 4 || !near(r.Percent(), 4.0/150*100, 1e-9) {
		t.Errorf("rate %+v (%.2f %%), want 4 of 150", r, r.Percent())
	}
	if p := (insight.Rate{}).Percent(); !math.IsNaN(p) {
		t.Errorf("nothing printed: %v, want NaN", p)
	}
}

func TestEntryLagMedianAndP90(t *testing.T) {
	l := insight.LagOf([]float64{0, 1, 1, 2, 3, 3, 4, 5, 10, 30, -2})
	// sorted (negatives as 0): 0 0 1 1 2 3 3 4 5 10 30 → median 3, p90 at
	// position 9 = 10.
	if l.N != 11 || l.Median != 3 || l.P90 != 10 {
		t.Errorf("lag %+v, want median 3, p90 10 of 11", l)
	}
	if e := insight.LagOf(nil); !math.IsNaN(e.Median) {
		t.Errorf("no lags: %+v", e)
	}
}

func TestTheNextWaveIsDueRepeatMonthsAfterTheLast(t *testing.T) {
	p := insight.WavePlan{Waves: []insight.Wave{
		{Name: "Autumn 2025", From: data.DayFromDate(2025, 9, 1), To: data.DayFromDate(2025, 9, 30)},
		{Name: "Spring 2026", From: data.DayFromDate(2026, 3, 1), To: data.DayFromDate(2026, 3, 31)},
	}, RepeatMonths: 9}
	due, ok := p.NextDue()
	if !ok || due != data.DayFromDate(2026, 12, 31) {
		t.Fatalf("next due %v, want 2026-12-31", due)
	}
	for _, c := range []struct {
		today data.Day
		want  bool
	}{
		{data.DayFromDate(2026, 3, 15), false}, // a wave runs
		{data.DayFromDate(2026, 11, 30), false},
		{data.DayFromDate(2026, 12, 1), true},
		{data.DayFromDate(2027, 5, 1), true}, // overdue
	} {
		if _, show := p.Reminder(c.today); show != c.want {
			t.Errorf("reminder on %v: %v, want %v", c.today, show, c.want)
		}
	}
	if _, ok := (insight.WavePlan{}).NextDue(); ok {
		t.Error("no waves: a next wave is due")
	}
	if got := (insight.WavePlan{}).Repeat(); got != insight.DefaultRepeatMonths {
		t.Errorf("default repeat %d", got)
	}
}

func TestAWaveMustNotOverlapAnother(t *testing.T) {
	a := insight.Wave{Name: "A", From: 100, To: 130}
	for _, c := range []struct {
		w     insight.Wave
		field string
	}{
		{insight.Wave{Name: "B", From: 120, To: 150}, "from"},
		{insight.Wave{Name: "", From: 140, To: 150}, "name"},
		{insight.Wave{Name: "B", From: 150, To: 140}, "to"},
	} {
		err := c.w.Validate([]insight.Wave{a})
		if p, ok := err.(*insight.InputProblem); !ok || p.Field != c.field {
			t.Errorf("%+v: %v, want a problem with %s", c.w, err, c.field)
		}
	}
	if err := (insight.Wave{Name: "B", From: 131, To: 160}).Validate([]insight.Wave{a}); err != nil {
		t.Errorf("adjacent wave: %v", err)
	}
}

// TestWaveFiguresOnStoredResponses prints 40 forms for wave 1 and 30 for
// wave 2 (recorded as the print commands do), stores paper responses with
// form numbers and entry times, and checks each wave's rate and lag.
func TestWaveFiguresOnStoredResponses(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "w.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Café"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, overall, 5))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	w1 := insight.Wave{Name: "Spring", From: data.DayFromDate(2026, 3, 1), To: data.DayFromDate(2026, 3, 31)}
	w2 := insight.Wave{Name: "Autumn", From: data.DayFromDate(2026, 9, 1), To: data.DayFromDate(2026, 9, 30)}
	if err := insight.SaveWaves(st, sv.ID, insight.WavePlan{Waves: []insight.Wave{w2, w1}, RepeatMonths: 6}); err != nil {
		t.Fatal(err)
	}
	if err := insight.RecordPrinted(st, sv.ID, insight.PrintBatch{Day: data.DayFromDate(2026, 2, 25), First: 1, Count: 40}); err != nil {
		t.Fatal(err)
	}
	if err := insight.RecordPrinted(st, sv.ID, insight.PrintBatch{Day: data.DayFromDate(2026, 8, 20), Prefix: "A", First: 1, Count: 30}); err != nil {
		t.Fatal(err)
	}
	var rs []data.Response
	// Spring: 10 forms 0001–0010 returned, entered 1..10 days later, plus
	// one phone answer (no lag) and one form typed twice (counted once).
	for i := 1; i <= 10; i++ {
		c := time.Date(2026, 3, i, 12, 0, 0, 0, time.UTC)
		rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "paper", CollectedAt: c, EnteredAt: c.Add(time.Duration(i) * 24 * time.Hour),
			FormNumber: fmt.Sprintf("%04d", i), Answers: map[uint32]int{1: 5}})
	}
	twice := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "paper", CollectedAt: twice, EnteredAt: twice.Add(5 * 24 * time.Hour), FormNumber: "0003", Answers: map[uint32]int{1: 5}})
	rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "phone", CollectedAt: time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC), Answers: map[uint32]int{1: 4}})
	// Autumn: 3 forms of the A batch, one of them a form from spring's
	// batch handed in late (it counts for spring).
	for i := 1; i <= 3; i++ {
		c := time.Date(2026, 9, i, 12, 0, 0, 0, time.UTC)
		rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "paper", CollectedAt: c, EnteredAt: c.Add(2 * 24 * time.Hour),
			FormNumber: "A" + fmt.Sprintf("%04d", i), Answers: map[uint32]int{1: 5}})
	}
	late := time.Date(2026, 9, 5, 12, 0, 0, 0, time.UTC)
	rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "paper", CollectedAt: late, EnteredAt: late, FormNumber: "0040", Answers: map[uint32]int{1: 5}})
	if err := st.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	plan, err := insight.LoadWaves(st, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := insight.WavesStats(st, st, sv.ID, plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 2 || stats[0].Wave.Name != "Spring" {
		t.Fatalf("stats %+v, want Spring then Autumn", stats)
	}
	s, a := stats[0], stats[1]
	if s.Rate != (insight.Rate{Returned: 11, Printed: 40}) || s.Responses != 12 {
		t.Errorf("spring: rate %+v, responses %d; want 11 of 40, 12 responses", s.Rate, s.Responses)
	}
	// Lags 1..10 days and 5: median 5, p90 at position 9 = 9.
	if s.Lag.N != 11 || !near(s.Lag.Median, 5, 1e-9) || !near(s.Lag.P90, 9, 1e-9) {
		t.Errorf("spring lag %+v, want 11 forms, median 5, p90 9", s.Lag)
	}
	if a.Rate != (insight.Rate{Returned: 3, Printed: 30}) || a.Responses != 4 || a.Lag.N != 4 || !near(a.Lag.Median, 2, 1e-9) {
		t.Errorf("autumn: %+v; want 3 of 30, 4 responses, median lag 2 days", a)
	}
}
