package insight

import (
	"math"
	"testing"
	"time"

	"csatdesk/data"
)

func csatOf(sat, n uint64) data.CSAT { return Group{Satisfied: sat, N: n}.CSAT() }

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.4f, want %.4f (±%g)", what, got, want, tol)
	}
}

// The verdicts against a computation by hand.
//
// A = 40 satisfied of 50 (80 %), B = 30 of 50 (60 %):
//
//	pooled p  = (40+30)/(50+50)                = 0.70
//	SE        = √(0.70·0.30·(1/50 + 1/50))     = √0.0084 = 0.09165
//	z         = (0.80 − 0.60)/0.09165          = 2.182
//	p-value   = 2·(1 − Φ(2.182)) = 2·(1 − 0.98545) = 0.0291   < 0.05 → a real difference
//	Wilson 95 % of 40/50 = 66.96–88.76 %, of 30/50 = 46.18–72.39 %
//	Newcombe: low  = −20 − √((60−46.18)² + (88.76−80)²) = −20 − √(190.9 + 76.7) = −36.36 points
//	          high = −20 + √((72.39−60)² + (80−66.96)²) = −20 + √(153.5 + 170.0) = −2.01 points
//
// A = 40/50 (80 %), B = 36/50 (72 %):
//
//	pooled p = 76/100 = 0.76; SE = √(0.76·0.24·0.04) = √0.007296 = 0.08542
//	z = 0.08/0.08542 = 0.9366; p-value = 2·(1 − Φ(0.9366)) = 2·(1 − 0.82552) = 0.349 → within noise
//
// A = 18/20 (90 %), B = 10/20 (50 %): z = 0.40/√(0.70·0.30·0.10) = 2.76,
// p = 0.0058, but 20 < 30 answers a group → too few answers to tell.
func TestCompareCSATVerdictsMatchAHandComputation(t *testing.T) {
	c := CompareCSAT(csatOf(40, 50), csatOf(30, 50))
	near(t, "difference", c.Diff.Value, -20, 1e-9)
	near(t, "p-value", c.Diff.P, 0.0291, 0.0005)
	near(t, "low", c.Diff.Low, -36.36, 0.05)
	near(t, "high", c.Diff.High, -2.01, 0.05)
	near(t, "A low", c.A.Low, 66.96, 0.05)
	near(t, "B high", c.B.High, 72.39, 0.05)
	if c.Diff.Verdict != VerdictReal {
		t.Errorf("80 %% of 50 vs 60 %% of 50: %v, want a real difference", c.Diff.Verdict.Text(English))
	}

	c = CompareCSAT(csatOf(40, 50), csatOf(36, 50))
	near(t, "p-value", c.Diff.P, 0.349, 0.001)
	if c.Diff.Verdict != VerdictNoise || c.Diff.Low > 0 || c.Diff.High < 0 {
		t.Errorf("80 %% vs 72 %% of 50: %v, range %.1f…%.1f, want within noise around 0", c.Diff.Verdict.Text(English), c.Diff.Low, c.Diff.High)
	}

	c = CompareCSAT(csatOf(18, 20), csatOf(10, 20))
	near(t, "p-value", c.Diff.P, 0.0058, 0.0005)
	if c.Diff.Verdict != VerdictTooFew || c.Diff.Verdict.Text(English) != "Too few answers to tell" {
		t.Errorf("n = 20: %v, want too few", c.Diff.Verdict.Text(English))
	}

	c = CompareCSAT(csatOf(50, 50), csatOf(50, 50)) // SE = 0
	if c.Diff.P != 1 || c.Diff.Verdict != VerdictNoise {
		t.Errorf("100 %% vs 100 %%: p %v %v", c.Diff.P, c.Diff.Verdict)
	}
}

// NPS by hand: A = 50 answers, 25 promoters (10) and 10 detractors (0):
// NPS +30; B = 50 answers, 15 promoters, 20 detractors: NPS −10.
//
//	var A = 0.5 + 0.2 − 0.3² = 0.61; SE A = √(0.61/50) = 0.11045
//	var B = 0.3 + 0.4 − 0.1² = 0.69; SE B = √(0.69/50) = 0.11747
//	SE diff = √(0.11045² + 0.11747²) = 0.16125; z = 0.40/0.16125 = 2.481
//	p = 2·(1 − Φ(2.481)) = 0.0131 → a real difference; range −40 ± 1.96·16.125 = −71.6…−8.4
func TestCompareNPSMatchesAHandComputation(t *testing.T) {
	var a, b data.Histogram
	a[10], a[0], a[8] = 25, 10, 15
	b[10], b[0], b[8] = 15, 20, 15
	c := CompareNPS(a, b)
	near(t, "NPS A", c.A.Value, 30, 1e-9)
	near(t, "difference", c.Diff.Value, -40, 1e-9)
	near(t, "p-value", c.Diff.P, 0.0131, 0.0005)
	near(t, "low", c.Diff.Low, -71.6, 0.1)
	near(t, "high", c.Diff.High, -8.4, 0.1)
	if c.Diff.Verdict != VerdictReal {
		t.Errorf("verdict %v", c.Diff.Verdict)
	}
}

func TestSplitterGroupsResponsesByVersionChannelTagPeriodAndQuestion(t *testing.T) {
	q1 := data.Question{ID: 1, Kind: data.KindRating, Min: 1, Max: 5, SatisfiedFrom: 4}
	q2 := data.Question{ID: 2, Kind: data.KindRating, Min: 1, Max: 5, SatisfiedFrom: 4}
	at := func(m int) time.Time { return time.Date(2025, time.Month(m), 10, 12, 0, 0, 0, time.UTC) }
	rs := []data.Response{
		{SurveyVersion: 1, Channel: "paper", Tags: map[string]string{"location": "Centre"}, CollectedAt: at(1), Answers: map[uint32]int{1: 5, 2: 2}},
		{SurveyVersion: 1, Channel: "kiosk", Tags: map[string]string{"location": "Harbour"}, CollectedAt: at(1), Answers: map[uint32]int{1: 2}},
		{SurveyVersion: 2, Channel: "paper", Tags: map[string]string{"location": "Centre"}, CollectedAt: at(4), Answers: map[uint32]int{1: 4, 2: 4}},
	}
	for _, c := range []struct {
		s    Splitter
		want map[string][2]uint64 // key → satisfied, n
	}{
		{Splitter{By: ByVersion, Questions: []data.Question{q1}}, map[string][2]uint64{"1": {1, 2}, "2": {1, 1}}},
		{Splitter{By: ByChannel, Questions: []data.Question{q1}}, map[string][2]uint64{"paper": {2, 2}, "kiosk": {0, 1}}},
		{Splitter{By: BySegment, Tag: "location", Questions: []data.Question{q1}}, map[string][2]uint64{"Centre": {2, 2}, "Harbour": {0, 1}}},
		{Splitter{By: ByPeriod, Period: data.PeriodQuarter, Questions: []data.Question{q1}}, map[string][2]uint64{"2025-Q1": {1, 2}, "2025-Q2": {1, 1}}},
		{Splitter{By: ByQuestion, Pair: [2]data.Question{q1, q2}}, map[string][2]uint64{"1": {2, 3}, "2": {1, 2}}},
	} {
		for i := range rs {
			c.s.Add(&rs[i])
		}
		if c.s.By == ByQuestion && c.s.Both != 2 {
			t.Errorf("%d responses answered both questions, want 2", c.s.Both)
		}
		gs := c.s.Groups()
		if len(gs) != len(c.want) {
			t.Errorf("by %d: %d groups, want %d", c.s.By, len(gs), len(c.want))
		}
		for _, g := range gs {
			if w := c.want[g.Key]; w != [2]uint64{g.Satisfied, g.N} {
				t.Errorf("by %d, group %q: %d of %d satisfied, want %v", c.s.By, g.Key, g.Satisfied, g.N, w)
			}
		}
	}
	if CheckPair(q1, data.Question{ID: 3, Kind: data.KindRating, Min: 1, Max: 10, SatisfiedFrom: 8}) == nil {
		t.Error("a 1–5 and a 1–10 question were accepted as a pair")
	}
}
