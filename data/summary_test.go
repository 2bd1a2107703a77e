package data

import (
	"math"
	"sort"
	"testing"
	"time"
)

// memSource is a DaySource computed directly from responses, the
// independent reference the rollup-based figures must agree with.
type memSource struct{ rs []Response }

func (m memSource) Days(sid uint64, qid uint32, seg Segment, from, to Day) ([]DayHist, error) {
	by := map[Day]*Histogram{}
	for _, r := range m.rs {
		d := r.Day()
		if r.SurveyID != sid || d < from || (to != 0 && d > to) {
			continue
		}
		if !seg.All() {
			in := false
			for _, s := range r.Segments() {
				in = in || s == seg
			}
			if !in {
				continue
			}
		}
		h := by[d]
		if h == nil {
			h = &Histogram{}
			by[d] = h
		}
		if qid == ResponsesQuestion {
			h[0]++
		} else if v, ok := r.Answers[qid]; ok {
			h.Add(v)
		}
	}
	var out []DayHist
	for d, h := range by {
		if h.N() > 0 {
			out = append(out, DayHist{d, *h})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out, nil
}

func TestKPIsComeFromTheDayHistograms(t *testing.T) {
	s := testSurvey()
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	rs := []Response{
		{SurveyID: 1, CollectedAt: at(3, 1), Channel: "paper", Answers: map[uint32]int{1: 5, 2: 10}},
		{SurveyID: 1, CollectedAt: at(3, 2), Channel: "phone", Answers: map[uint32]int{1: 2, 2: 3}},
		{SurveyID: 1, CollectedAt: at(3, 3), Channel: "paper", Answers: map[uint32]int{2: 8}}, // CSAT left blank
		{SurveyID: 1, CollectedAt: at(2, 10), Channel: "paper", Answers: map[uint32]int{1: 1}},
	}
	src := memSource{rs}
	q := s.Questions[0]
	k, err := ComputeKPIs(src, &s, q, Segment{}, DayFromDate(2025, 3, 1), DayFromDate(2025, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	if k.Responses != 3 || k.CSAT.N != 2 || k.CSAT.Percent != 50 {
		t.Errorf("got %d responses, CSAT %v of %d; want 3 responses, 50%% of 2 (the blank is not counted)", k.Responses, k.CSAT.Percent, k.CSAT.N)
	}
	if k.NPS.N != 3 || math.Abs(k.NPS.Score-0) > 1e-9 {
		t.Errorf("NPS %+v, want 3 answers scoring 0 (1 promoter, 1 passive, 1 detractor)", k.NPS)
	}
	if k.Previous.N != 1 || k.Previous.Percent != 0 {
		t.Errorf("previous period %+v, want the one February answer", k.Previous)
	}
	paper, _ := ComputeKPIs(src, &s, q, ByChannel("paper"), DayFromDate(2025, 3, 1), DayFromDate(2025, 3, 31))
	if paper.Responses != 2 || paper.CSAT.N != 1 {
		t.Errorf("paper segment: %d responses, %d CSAT answers; want 2 and 1", paper.Responses, paper.CSAT.N)
	}
	rows, err := Summarize(src, &s, q, Segment{}, PeriodMonth, DayFromDate(2025, 2, 1), DayFromDate(2025, 3, 31))
	if err != nil || len(rows) != 2 || rows[0].Responses != 1 || rows[1].Responses != 3 || rows[1].CSAT.Satisfied != 1 {
		t.Errorf("summary %+v, %v", rows, err)
	}
}

func TestAllCSATQuestionsCountEveryAnswerByItsOwnCutoff(t *testing.T) {
	s := Survey{ID: 1, Name: "Two scales"}
	s.AddQuestion(NewQuestion(KindRating, "Overall", 5)) // satisfied 4–5
	s.AddQuestion(NewQuestion(KindRating, "Food", 10))   // satisfied 8–10
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	rs := []Response{
		{SurveyID: 1, CollectedAt: at(3, 1), Answers: map[uint32]int{1: 4, 2: 7}}, // 1 of 2
		{SurveyID: 1, CollectedAt: at(3, 2), Answers: map[uint32]int{1: 3, 2: 9}}, // 1 of 2
		{SurveyID: 1, CollectedAt: at(4, 2), Answers: map[uint32]int{1: 5}},       // 1 of 1
		{SurveyID: 1, CollectedAt: at(4, 3), Answers: map[uint32]int{2: 10}},      // 1 of 1
	}
	src := memSource{rs}
	from, to := DayFromDate(2025, 3, 1), DayFromDate(2025, 4, 30)
	c, err := CSATOfQuestions(src, 1, s.Questions, Segment{}, from, to)
	if err != nil || c.N != 6 || c.Satisfied != 4 {
		t.Fatalf("combined CSAT %+v, %v; want 4 of 6 answers", c, err)
	}
	lo, hi := Wilson(4, 6, Z95)
	if !near(c.Low, lo*100, 1e-9) || !near(c.High, hi*100, 1e-9) {
		t.Errorf("interval %.1f–%.1f, want Wilson of 4/6", c.Low, c.High)
	}
	tr, err := CSATTrendOfQuestions(src, 1, s.Questions, Segment{}, PeriodMonth, from, to)
	if err != nil || len(tr) != 2 || tr[0].N != 4 || tr[0].Value != 50 || tr[1].N != 2 || tr[1].Value != 100 {
		t.Fatalf("trend %+v, %v; want March 2 of 4 and April 2 of 2", tr, err)
	}
}

func TestKPIsAndSummaryOfSeveralQuestionsCombineTheirAnswers(t *testing.T) {
	s := Survey{ID: 1, Name: "Two scales"}
	s.AddQuestion(NewQuestion(KindRating, "Overall", 5)) // satisfied 4–5
	s.AddQuestion(NewQuestion(KindRating, "Food", 10))   // satisfied 8–10
	s.AddQuestion(NewQuestion(KindRating, "Service", 5)) // satisfied 4–5
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	rs := []Response{
		{SurveyID: 1, CollectedAt: at(2025, 3, 1), Answers: map[uint32]int{1: 4, 2: 7, 3: 2}},
		{SurveyID: 1, CollectedAt: at(2025, 3, 20), Answers: map[uint32]int{1: 2, 2: 9}},
		{SurveyID: 1, CollectedAt: at(2025, 2, 20), Answers: map[uint32]int{1: 5}},      // the previous 31 days
		{SurveyID: 1, CollectedAt: at(2024, 3, 5), Answers: map[uint32]int{2: 3, 3: 5}}, // last year
	}
	src := memSource{rs}
	from, to := DayFromDate(2025, 3, 1), DayFromDate(2025, 3, 31)
	cases := []struct {
		name             string
		qs               []int
		n, sat           uint64
		prevN, lyN, lySa uint64
		mean             float64 // NaN: none
	}{
		{"one question is ComputeKPIs", []int{0}, 2, 1, 1, 0, 0, 3},
		{"two scales: the mean counts the first one's", []int{0, 1}, 4, 2, 1, 1, 0, 3},
		{"two questions on one scale share the mean", []int{0, 2}, 3, 1, 1, 1, 1, 8.0 / 3},
		{"all three", []int{1, 0, 2}, 5, 2, 1, 2, 1, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var qs []Question
			for _, i := range c.qs {
				qs = append(qs, s.Questions[i])
			}
			k, err := ComputeKPIsOf(src, &s, qs, Segment{}, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if k.CSAT.N != c.n || k.CSAT.Satisfied != c.sat || k.Previous.N != c.prevN || k.LastYear.N != c.lyN || k.LastYear.Satisfied != c.lySa {
				t.Errorf("CSAT %d/%d, previous n %d, last year %d/%d; want %d/%d, %d, %d/%d",
					k.CSAT.Satisfied, k.CSAT.N, k.Previous.N, k.LastYear.Satisfied, k.LastYear.N, c.sat, c.n, c.prevN, c.lySa, c.lyN)
			}
			if !near(k.Mean, c.mean, 1e-9) || k.Question.ID != qs[0].ID || k.Responses != 2 {
				t.Errorf("mean %v of question %d, %d responses; want %v of %d, 2", k.Mean, k.Question.ID, k.Responses, c.mean, qs[0].ID)
			}
			rows, err := SummarizeQuestions(src, &s, qs, Segment{}, PeriodMonth, from, to)
			if err != nil || len(rows) != 1 || rows[0].CSAT != k.CSAT || !near(rows[0].Mean, k.Mean, 1e-9) || rows[0].Responses != 2 {
				t.Errorf("summary %+v, %v; want the KPIs' CSAT %+v and mean %v", rows, err, k.CSAT, k.Mean)
			}
		})
	}
	if _, err := ComputeKPIsOf(src, &s, nil, Segment{}, from, to); err == nil {
		t.Error("no question should be an error")
	}
}

func TestComparisonRanges(t *testing.T) {
	cases := []struct {
		name                   string
		from, to               Day
		prevFrom, lyFrom, lyTo Day
	}{
		{"March is compared with the 31 days before", DayFromDate(2025, 3, 1), DayFromDate(2025, 3, 31),
			DayFromDate(2025, 1, 29), DayFromDate(2024, 3, 1), DayFromDate(2024, 3, 31)},
		{"29 February's year before is 1 March", DayFromDate(2024, 2, 29), DayFromDate(2024, 2, 29),
			DayFromDate(2024, 2, 28), DayFromDate(2023, 3, 1), DayFromDate(2023, 3, 1)},
		{"a range longer than the days before it starts at day 0", 3, 10, 0, YearBefore(3), YearBefore(10)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, f, to := ComparisonRanges(c.from, c.to)
			if p != c.prevFrom || f != c.lyFrom || to != c.lyTo {
				t.Errorf("previous from %s, last year %s–%s; want %s, %s–%s", p, f, to, c.prevFrom, c.lyFrom, c.lyTo)
			}
		})
	}
}
