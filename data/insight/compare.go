package insight

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"csatdesk/data"
)

// A/B comparison: two groups of answers side by side — two survey
// versions, two wordings of a question on the same scale, two channels,
// two locations, two periods — with each figure's 95 % range, the
// difference with its range and p-value, and a plain verdict.

// Verdict says what a comparison shows.
type Verdict int

// The verdicts.
const (
	// VerdictTooFew: a group has fewer than MinCompareN answers.
	VerdictTooFew Verdict = iota
	// VerdictNoise: the difference is within what chance gives (p ≥ 0.05).
	VerdictNoise
	// VerdictReal: a difference chance alone rarely gives (p < 0.05).
	VerdictReal
)

// Text says the verdict in the reader's language.
func (v Verdict) Text(lang Texts) string {
	switch v {
	case VerdictReal:
		return lang.L("A real difference")
	case VerdictNoise:
		return lang.L("Within noise")
	}
	return lang.L("Too few answers to tell")
}

// MinCompareN is the fewest answers each group needs for a verdict: the
// same "few responses" line the dashboard draws (data.FewResponses), and
// enough for the normal approximation the tests below rest on.
const MinCompareN = data.FewResponses

// Diff is group B's figure minus group A's, with its 95 % range, the
// two-sided p-value of "no difference" and the verdict.
type Diff struct {
	Value, Low, High float64
	P                float64
	Verdict          Verdict
}

// CSATCompare compares two CSAT shares (in percent; Diff in points).
type CSATCompare struct {
	A, B data.CSAT
	Diff Diff
}

// CompareCSAT compares CSAT a with b. The verdict is data.DiffersSignificantly
// (the pooled two-proportion z-test the dashboard uses); P is that test's
// two-sided p-value, erfc(|z|/√2); the range of the difference is
// Newcombe's hybrid score interval, built from the two Wilson ranges (it
// keeps within −100…100 and behaves at small n and near 0 % or 100 %).
// The test and the range are two methods and may disagree right at the
// border (p just under 0.05 and a range just touching 0).
func CompareCSAT(a, b data.CSAT) CSATCompare {
	c := CSATCompare{A: a, B: b, Diff: Diff{Value: math.NaN(), Low: math.NaN(), High: math.NaN(), P: math.NaN()}}
	if a.N == 0 || b.N == 0 {
		return c
	}
	p1, p2 := float64(a.Satisfied)/float64(a.N), float64(b.Satisfied)/float64(b.N)
	l1, u1 := data.Wilson(a.Satisfied, a.N, data.Z95)
	l2, u2 := data.Wilson(b.Satisfied, b.N, data.Z95)
	d := p2 - p1
	c.Diff.Value = d * 100
	c.Diff.Low = (d - math.Sqrt((p2-l2)*(p2-l2)+(u1-p1)*(u1-p1))) * 100
	c.Diff.High = (d + math.Sqrt((u2-p2)*(u2-p2)+(p1-l1)*(p1-l1))) * 100
	pool := float64(a.Satisfied+b.Satisfied) / float64(a.N+b.N)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(a.N) + 1/float64(b.N)))
	switch {
	case se > 0:
		c.Diff.P = math.Erfc(math.Abs(d) / se / math.Sqrt2)
	case d == 0:
		c.Diff.P = 1
	default:
		c.Diff.P = 0
	}
	c.Diff.Verdict = verdict(a.N, b.N, data.DiffersSignificantly(a, b))
	return c
}

func verdict(na, nb uint64, differs bool) Verdict {
	switch {
	case na < MinCompareN || nb < MinCompareN:
		return VerdictTooFew
	case differs:
		return VerdictReal
	}
	return VerdictNoise
}

// Ranged is a figure with its 95 % range and the answers behind it.
type Ranged struct {
	N                uint64
	Value, Low, High float64
}

// NPSCompare compares two Net Promoter Scores (Diff in points).
type NPSCompare struct {
	A, B Ranged
	Diff Diff
}

// npsRanged returns NPS with its normal-approximation range: the variance
// of one answer scored +1/0/−1 is p⁺ + p⁻ − (p⁺ − p⁻)².
func npsRanged(h data.Histogram) (Ranged, float64) {
	s := data.NPSOf(h)
	r := Ranged{N: s.N, Value: s.Score, Low: math.NaN(), High: math.NaN()}
	if s.N == 0 {
		return r, math.NaN()
	}
	pp, pd := s.Promoters/100, s.Detractors/100
	se := math.Sqrt((pp + pd - (pp-pd)*(pp-pd)) / float64(s.N))
	r.Low = math.Max(-100, (pp-pd-data.Z95*se)*100)
	r.High = math.Min(100, (pp-pd+data.Z95*se)*100)
	return r, se
}

// CompareNPS compares the NPS of two 0–10 histograms with a z-test on the
// difference of the two scores (each answer scored +1, 0, −1).
func CompareNPS(a, b data.Histogram) NPSCompare {
	ra, sa := npsRanged(a)
	rb, sb := npsRanged(b)
	c := NPSCompare{A: ra, B: rb}
	c.Diff = zDiff(ra.Value/100, rb.Value/100, sa, sb, ra.N, rb.N, 100)
	return c
}

// MeanCompare compares two mean scores.
type MeanCompare struct {
	A, B Ranged
	Diff Diff
}

// meanRanged returns the mean of h with its range (mean ± 1.96 s/√n).
func meanRanged(h data.Histogram) (Ranged, float64) {
	n := h.N()
	r := Ranged{N: n, Value: h.Mean(), Low: math.NaN(), High: math.NaN()}
	if n < 2 {
		return r, math.NaN()
	}
	var ss float64
	for v, c := range h {
		ss += float64(c) * (float64(v) - r.Value) * (float64(v) - r.Value)
	}
	se := math.Sqrt(ss / float64(n-1) / float64(n))
	r.Low, r.High = r.Value-data.Z95*se, r.Value+data.Z95*se
	return r, se
}

// CompareMean compares the mean answers of two histograms on the same
// scale (Welch's z-test: the two variances are not assumed equal).
func CompareMean(a, b data.Histogram) MeanCompare {
	ra, sa := meanRanged(a)
	rb, sb := meanRanged(b)
	return MeanCompare{A: ra, B: rb, Diff: zDiff(ra.Value, rb.Value, sa, sb, ra.N, rb.N, 1)}
}

// zDiff is the difference b − a of two estimates with standard errors sa
// and sb, scaled by k, with its range, p-value and verdict.
func zDiff(a, b, sa, sb float64, na, nb uint64, k float64) Diff {
	d := Diff{Value: math.NaN(), Low: math.NaN(), High: math.NaN(), P: math.NaN()}
	if na == 0 || nb == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return d
	}
	d.Value = (b - a) * k
	se := math.Sqrt(sa*sa + sb*sb)
	if math.IsNaN(se) {
		return d
	}
	d.Low, d.High = (b-a-data.Z95*se)*k, (b-a+data.Z95*se)*k
	switch {
	case se > 0:
		d.P = math.Erfc(math.Abs(b-a) / se / math.Sqrt2)
	case a == b:
		d.P = 1
	default:
		d.P = 0
	}
	d.Verdict = verdict(na, nb, d.P < 0.05)
	return d
}

// CompareBy is what splits the answers into groups.
type CompareBy int

// The ways to split.
const (
	ByVersion  CompareBy = iota // the survey version a response was entered under
	ByQuestion                  // two questions on the same scale (two wordings)
	ByChannel                   // paper, kiosk, web…
	BySegment                   // the value of one tag (location, staff…)
	ByPeriod                    // month or quarter of collection
)

// CompareBys lists the ways in the order the window offers them, with
// their names.
func CompareBys(lang Texts) ([]CompareBy, []string) {
	return []CompareBy{ByVersion, ByQuestion, ByChannel, BySegment, ByPeriod},
		[]string{lang.L("Survey versions"), lang.L("Two questions (wordings)"), lang.L("Channels"), lang.L("Locations or other tags"), lang.L("Periods")}
}

// Group is the answers of one group.
type Group struct {
	Key string
	// CSAT counts satisfied answers by each answer's own question's
	// cut-off; Hist holds the values (meaningful for a mean or NPS when
	// every question counted has one scale).
	Satisfied, N uint64
	Hist         data.Histogram
}

// CSAT returns the group's CSAT with its Wilson range.
func (g Group) CSAT() data.CSAT {
	c := data.CSAT{Satisfied: g.Satisfied, N: g.N, Percent: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if g.N > 0 {
		c.Percent = float64(g.Satisfied) / float64(g.N) * 100
		lo, hi := data.Wilson(g.Satisfied, g.N, data.Z95)
		c.Low, c.High = lo*100, hi*100
	}
	return c
}

// Splitter puts responses into groups, one response at a time, so a
// caller can stream a survey's responses through it.
type Splitter struct {
	By CompareBy
	// Questions are counted for every way but ByQuestion: a question and
	// its lineage (retired versions), so versions of a survey compare the
	// same question across its revisions.
	Questions []data.Question
	// Pair are the two questions of ByQuestion.
	Pair [2]data.Question
	// Tag is the tag name of BySegment.
	Tag string
	// Period is the period of ByPeriod (month or quarter).
	Period data.Period
	// Both counts the responses that answered both questions of
	// ByQuestion: the tests assume two separate groups of customers (an
	// A/B split, each customer seeing one wording), so a pair answered by
	// the same customers must be read with care.
	Both   int
	groups map[string]*Group
}

// Add counts r's answers in its group.
func (s *Splitter) Add(r *data.Response) {
	if s.groups == nil {
		s.groups = map[string]*Group{}
	}
	count := func(key string, q data.Question) {
		v, ok := r.Answers[q.ID]
		if !ok || key == "" {
			return
		}
		g := s.groups[key]
		if g == nil {
			g = &Group{Key: key}
			s.groups[key] = g
		}
		g.N++
		if q.HasCSAT() && v >= q.SatisfiedFrom {
			g.Satisfied++
		}
		g.Hist.Add(v)
	}
	if s.By == ByQuestion {
		_, a := r.Answers[s.Pair[0].ID]
		_, b := r.Answers[s.Pair[1].ID]
		if a && b {
			s.Both++
		}
		for _, q := range s.Pair {
			count(strconv.FormatUint(uint64(q.ID), 10), q)
		}
		return
	}
	var key string
	switch s.By {
	case ByVersion:
		key = strconv.Itoa(r.SurveyVersion)
	case ByChannel:
		key = r.Channel
	case BySegment:
		key = r.Tags[s.Tag]
	case ByPeriod:
		key = s.Period.Label(s.Period.Start(r.Day()))
	}
	for _, q := range s.Questions {
		count(key, q)
	}
}

// Groups returns the groups found, in key order (versions and periods in
// time order).
func (s *Splitter) Groups() []Group {
	out := make([]Group, 0, len(s.groups))
	for _, g := range s.groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if s.By == ByVersion {
			a, _ := strconv.Atoi(out[i].Key)
			b, _ := strconv.Atoi(out[j].Key)
			return a < b
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Comparison is everything the compare screen shows for two groups.
type Comparison struct {
	A, B Group
	// CSAT is set for rating and yes/no questions; NPS for NPS questions;
	// Mean for every question on one scale.
	CSAT    *CSATCompare
	NPS     *NPSCompare
	Mean    *MeanCompare
	Verdict Verdict // of the headline figure (CSAT, else NPS, else mean)
}

// Compare compares groups a and b of answers to q (the question, or the
// first of the pair, that names the kind and scale).
func Compare(a, b Group, q data.Question) Comparison {
	c := Comparison{A: a, B: b}
	switch {
	case q.HasCSAT():
		cs := CompareCSAT(a.CSAT(), b.CSAT())
		c.CSAT, c.Verdict = &cs, cs.Diff.Verdict
	case q.Kind == data.KindNPS:
		n := CompareNPS(a.Hist, b.Hist)
		c.NPS, c.Verdict = &n, n.Diff.Verdict
	}
	if q.Kind != data.KindYesNo && q.Numeric() {
		m := CompareMean(a.Hist, b.Hist)
		c.Mean = &m
		if c.CSAT == nil && c.NPS == nil {
			c.Verdict = m.Diff.Verdict
		}
	}
	return c
}

// PairError says why two questions cannot be compared.
type PairError struct{ A, B data.Question }

func (e *PairError) Error() string {
	return fmt.Sprintf("questions %q and %q are not on the same scale", e.A.Text, e.B.Text)
}

// CheckPair returns a *PairError unless a and b are of one kind and scale
// (and cut-off, for CSAT), so their answers can be compared.
func CheckPair(a, b data.Question) error {
	if a.Kind != b.Kind || !a.SameScale(b) || (a.HasCSAT() && a.SatisfiedFrom != b.SatisfiedFrom) || !a.Numeric() {
		return &PairError{a, b}
	}
	return nil
}
