package insight_test

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/store"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func hist(counts map[int]uint64) data.Histogram {
	var h data.Histogram
	for v, c := range counts {
		h[v] = c
	}
	return h
}

func TestNPSRangeIsTheAdjustedWaldIntervalOfADifferenceOfTwoShares(t *testing.T) {
	// 50 promoters, 30 passives, 20 detractors of 100: NPS +30.
	// Adjusted: n' = 103, p' = 50.75/103, d' = 20.75/103, p'−d' = 0.29126,
	// Var = (p'+d' − (p'−d')²)/n' = (0.69417 − 0.08483)/103 = 0.0059159,
	// half = 1.96·0.076915 = 0.15075 → 14.0 … 44.2 (hand computation).
	h := hist(map[int]uint64{10: 30, 9: 20, 8: 20, 7: 10, 5: 10, 0: 10})
	e := insight.NPSEstimate(h)
	if e.N != 100 || !near(e.Value, 30, 1e-9) {
		t.Fatalf("NPS %v (n %d), want +30 of 100", e.Value, e.N)
	}
	if !near(e.Low, 14.05, 0.05) || !near(e.High, 44.20, 0.05) {
		t.Errorf("NPS range %.2f…%.2f, want 14.05…44.20", e.Low, e.High)
	}
	// All promoters: plain Wald would give a zero-width range.
	all := insight.NPSEstimate(hist(map[int]uint64{10: 10}))
	if all.Value != 100 || all.High != 100 || all.Low > 90 || all.Low < 40 {
		t.Errorf("10 of 10 promoters: %+v, want a range reaching below 90 and not above 100", all)
	}
	if e := insight.NPSEstimate(data.Histogram{}); e.Valid() || !math.IsNaN(e.Low) {
		t.Errorf("no answers: %+v, want NaN", e)
	}
}

func TestCESRangeIsMeanPlusMinusTTimesTheStandardError(t *testing.T) {
	// 2,4,4,4,5,5,7,7 → mean 4.75, s = 1.669, se = 0.5901, t(7) = 2.365
	// → 3.354 … 6.146.
	h := hist(map[int]uint64{2: 1, 4: 3, 5: 2, 7: 2})
	e := insight.CESEstimate(h)
	if !near(e.Value, 4.75, 1e-9) || !near(e.Low, 3.354, 0.002) || !near(e.High, 6.146, 0.002) {
		t.Errorf("CES %+v, want 4.75 (3.354…6.146)", e)
	}
	if one := insight.CESEstimate(hist(map[int]uint64{5: 1})); one.Low != 1 || one.High != 7 {
		t.Errorf("one answer: %+v, want the whole scale as its range", one)
	}
	if got := insight.T975(100); !near(got, 1.984, 0.001) {
		t.Errorf("T975(100) = %v, want 1.984", got)
	}
}

// pt is a monthly trend point of value v ± half with n answers.
func pt(month int, v, half float64, n uint64) data.TrendPoint {
	s := data.DayFromDate(2026, time.Month(month), 1)
	return data.TrendPoint{Start: s, End: data.PeriodMonth.Next(s), N: n, Value: v, Low: v - half, High: v + half}
}

func TestAGoalIsJudgedFromTheTrendExtrapolatedToTheDeadline(t *testing.T) {
	deadline := data.DayFromDate(2026, 12, 31)
	var rising, flat []data.TrendPoint
	for m := 1; m <= 6; m++ {
		rising = append(rising, pt(m, 68+2*float64(m), 5, 200))
		flat = append(flat, pt(m, 70, 5, 200))
	}
	noisy := []data.TrendPoint{pt(1, 60, 30, 8), pt(2, 85, 30, 8), pt(3, 65, 30, 8), pt(4, 80, 30, 8)}
	cases := []struct {
		name   string
		pts    []data.TrendPoint
		cur    insight.Estimate
		target float64
		want   insight.GoalStatus
	}{
		{"a steady rise of 2 points a month reaches 85 by December", rising, insight.Estimate{Value: 80, Low: 75, High: 85, N: 200}, 85, insight.GoalOnTrack},
		{"a flat 70 % with tight ranges will not reach 85", flat, insight.Estimate{Value: 70, Low: 65, High: 75, N: 200}, 85, insight.GoalNotOnTrack},
		{"a few noisy months cannot tell", noisy, insight.Estimate{Value: 80, Low: 50, High: 95, N: 8}, 85, insight.GoalTooEarly},
		{"two months are too few for a trend", rising[:2], insight.Estimate{Value: 72, Low: 67, High: 77, N: 200}, 85, insight.GoalTooEarly},
		{"a target under the whole current range is reached", flat, insight.Estimate{Value: 70, Low: 65, High: 75, N: 200}, 60, insight.GoalReached},
		{"no answers", nil, insight.Estimate{Value: math.NaN()}, 85, insight.GoalNoData},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := insight.Extrapolate(c.pts, insight.MeasureCSAT, deadline)
			if got := insight.Judge(insight.MeasureCSAT, c.cur, f, c.target); got != c.want {
				t.Errorf("status %v (forecast %.1f, %.1f…%.1f), want %v", got, f.Value, f.Low, f.High, c.want)
			}
		})
	}
	// The rising line, by hand: 80 + 2·(31 Dec − mid-June)/30.4 ≈ 93.
	f := insight.Extrapolate(rising, insight.MeasureCSAT, deadline)
	if !near(f.Value, 93, 1) || f.Low >= f.Value || f.High <= f.Value {
		t.Errorf("forecast %+v, want about 92 inside its range", f)
	}
}

type memSettings map[string][]byte

func (m memSettings) Setting(k string) ([]byte, error) { return m[k], nil }
func (m memSettings) SetSetting(k string, v []byte) error {
	m[k] = append([]byte(nil), v...)
	return nil
}

func TestTheOldSingleGoalBecomesOneGoalUntilGoalsAreSaved(t *testing.T) {
	st := memSettings{}
	if err := insight.SaveSettings(st, insight.Settings{BandLow: 75, BandHigh: 85, Goal: 88, GoalDate: "2026-12-31"}); err != nil {
		t.Fatal(err)
	}
	gs, err := insight.LoadGoals(st)
	if err != nil || len(gs) != 1 {
		t.Fatalf("goals %+v, %v; want the old goal", gs, err)
	}
	g := gs[0]
	if g.Measure != insight.MeasureCSAT || g.Target != 88 || g.Deadline != data.DayFromDate(2026, 12, 31) || g.Start != data.DayFromDate(2025, 12, 31) || !g.Segment.All() {
		t.Errorf("migrated goal %+v", g)
	}
	if _, err := insight.SaveGoals(st, nil); err != nil {
		t.Fatal(err)
	}
	if gs, _ := insight.LoadGoals(st); len(gs) != 0 {
		t.Errorf("after deleting every goal: %+v, want none (the old goal is not read again)", gs)
	}
}

func TestGoalValidationNamesTheField(t *testing.T) {
	ok := insight.Goal{Measure: insight.MeasureNPS, Target: 40, Start: 10, Deadline: 100}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid goal: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*insight.Goal)
		field string
	}{
		{"an NPS target above 100", func(g *insight.Goal) { g.Target = 120 }, "target"},
		{"a CES target of 9", func(g *insight.Goal) { g.Measure, g.Target = insight.MeasureCES, 9 }, "target"},
		{"no deadline", func(g *insight.Goal) { g.Deadline = 0 }, "deadline"},
		{"a deadline before the start", func(g *insight.Goal) { g.Deadline = 5 }, "deadline"},
		{"no measure", func(g *insight.Goal) { g.Measure = "" }, "measure"},
	} {
		g := ok
		c.edit(&g)
		err := g.Validate()
		p, isP := err.(*insight.InputProblem)
		if !isP || p.Field != c.field {
			t.Errorf("%s: %v, want a problem with %s", c.name, err, c.field)
		}
	}
}

// goalStore stores a café survey with a location tag, 40 answers a month
// in each place: Riga's CSAT rises from 60 % satisfied in January 2026 by
// 10 points a month, Jelgava stays at 90 %; NPS answers are 9 (promoter)
// for satisfied, 3 for not.
func goalStore(t *testing.T) (*store.Store, data.Survey) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sv := data.Survey{Name: "Café"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, overall, 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us?", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	var rs []data.Response
	for m := 1; m <= 4; m++ {
		for loc, sat := range map[string]int{"Riga": 4 * (5 + m), "Jelgava": 36} {
			for i := 0; i < 40; i++ {
				v, nps := 5, 9
				if i >= sat {
					v, nps = 2, 3
				}
				rs = append(rs, data.Response{SurveyID: sv.ID, Channel: "paper",
					CollectedAt: time.Date(2026, time.Month(m), 1+i%28, 12, 0, 0, 0, time.UTC),
					Tags:        map[string]string{data.TagLocation: loc},
					Answers:     map[uint32]int{1: v, 2: nps}})
			}
		}
	}
	if err := st.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	return st, sv
}

func TestGoalProgressOnStoredResponses(t *testing.T) {
	st, sv := goalStore(t)
	riga := data.Segment{Name: data.TagLocation, Value: "Riga"}
	today := data.DayFromDate(2026, 4, 30)
	start, deadline := data.DayFromDate(2026, 1, 1), data.DayFromDate(2026, 10, 31)

	// Riga, CSAT: 60, 70, 80, 90 %; the last 90 days (Feb–Apr) 96 of 120
	// = 80 %; 5 points to go to 85. Rising 10 points a month, even the
	// low end of October's forecast is above 85.
	g := insight.Goal{Measure: insight.MeasureCSAT, Segment: riga, Target: 85, Start: start, Deadline: deadline}
	p, err := insight.GoalProgress(st, &sv, g, today)
	if err != nil {
		t.Fatal(err)
	}
	if p.Current.N != 120 || !near(p.Current.Value, 80, 1e-9) || !near(p.ToGo, 5, 1e-9) || p.DaysLeft != 184 {
		t.Errorf("current %+v, to go %v, days left %d; want 80 %% of 120, 5 points, 184 days", p.Current, p.ToGo, p.DaysLeft)
	}
	if len(p.Points) != 4 || p.Points[0].N != 40 || p.Points[0].Value != 60 {
		t.Errorf("points %+v, want four months starting at 60 %% of 40", p.Points)
	}
	if p.Status != insight.GoalOnTrack {
		t.Errorf("status %v (forecast %+v), want on track", p.Status, p.Forecast)
	}
	if got := p.Words(insight.English); got != "+5.0 points to go, 6 months left · on track" {
		t.Errorf("words %q", got)
	}

	// Jelgava, NPS: a flat +80 from 40 answers a month; +95 by October
	// is neither in reach of the line nor ruled out by its range.
	jelgava := data.Segment{Name: data.TagLocation, Value: "Jelgava"}
	g = insight.Goal{Measure: insight.MeasureNPS, Segment: jelgava, Target: 95, Start: start, Deadline: deadline}
	p, err = insight.GoalProgress(st, &sv, g, today)
	if err != nil {
		t.Fatal(err)
	}
	if p.Current.N != 120 || !near(p.Current.Value, 80, 1e-9) || p.Status != insight.GoalTooEarly {
		t.Errorf("Jelgava NPS +95: %+v status %v (forecast %+v), want +80 of 120, too early to say", p.Current, p.Status, p.Forecast)
	}

	// After the deadline: met or missed on the last 90 days before it
	// (January–March: 24 + 28 + 32 of 120 = 70 %).
	for target, want := range map[float64]insight.GoalStatus{70: insight.GoalMet, 75: insight.GoalMissed} {
		g = insight.Goal{Measure: insight.MeasureCSAT, Segment: riga, Target: target, Start: start, Deadline: data.DayFromDate(2026, 3, 31)}
		if p, _ = insight.GoalProgress(st, &sv, g, today); p.Status != want || !near(p.Current.Value, 70, 1e-9) {
			t.Errorf("Riga %v %% by March: status %v, current %+v; want %v", target, p.Status, p.Current, want)
		}
	}
}

func TestNotesAreStoredInDateOrderAndPickedBySurveyAndDates(t *testing.T) {
	st := memSettings{}
	ns, err := insight.SaveNotes(st, []insight.Note{
		{Day: data.DayFromDate(2026, 5, 1), Text: " renovation "},
		{Day: data.DayFromDate(2026, 2, 1), Text: "new menu", SurveyID: 7},
		{Day: data.DayFromDate(2026, 3, 1), Text: "other survey", SurveyID: 8},
	})
	if err != nil {
		t.Fatal(err)
	}
	back, err := insight.LoadNotes(st)
	if err != nil || len(back) != 3 || back[0].Text != "new menu" || back[2].Text != "renovation" || back[2].ID != 1 || ns[0].ID != 2 {
		t.Fatalf("notes %+v, %v", back, err)
	}
	got := insight.NotesIn(back, 7, data.DayFromDate(2026, 1, 1), data.DayFromDate(2026, 12, 31))
	if len(got) != 2 || got[0].Text != "new menu" || got[1].Text != "renovation" {
		t.Errorf("survey 7's notes: %+v", got)
	}
	if err := (insight.Note{Day: 5, Text: "   "}).Validate(); err == nil {
		t.Error("an empty note is valid")
	}
}

func TestTheTrendOfAnNPSQuestionIsNPSWithRanges(t *testing.T) {
	st, sv := goalStore(t)
	choices, _ := insight.Choices(insight.English, &sv)
	var c insight.Choice
	for _, x := range choices {
		if len(x.Questions) > 0 && x.Questions[0].Kind == data.KindNPS {
			c = x
		}
	}
	q := insight.Query{Survey: sv, Choice: c, Period: data.PeriodMonth, From: data.DayFromDate(2026, 1, 1), To: data.DayFromDate(2026, 4, 30), Lang: insight.English}
	if q.TrendMeasure() != insight.MeasureNPS {
		t.Fatalf("measure %v", q.TrendMeasure())
	}
	pts, err := q.Trend(st)
	if err != nil {
		t.Fatal(err)
	}
	// January: Riga 24 of 40 promoters, Jelgava 36 → 60 promoters, 20
	// detractors of 80: NPS +50.
	if len(pts) != 4 || pts[0].N != 80 || !near(pts[0].Value, 50, 1e-9) || !(pts[0].Low < 50 && pts[0].High > 50) {
		t.Errorf("NPS trend %+v", pts)
	}
	if got := q.Title(insight.ChartTrend); got != "NPS by month: Would you recommend us?" {
		t.Errorf("title %q", got)
	}
}
