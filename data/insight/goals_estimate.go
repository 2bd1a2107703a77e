package insight

import (
	"math"

	"csatdesk/data"
)

// Measure is what a goal (or a trend with ranges) is about: CSAT %, NPS or
// the mean customer effort score.
type Measure string

// The measures.
const (
	MeasureCSAT Measure = "csat"
	MeasureNPS  Measure = "nps"
	MeasureCES  Measure = "ces"
)

// Measures lists the measures in the order the goals screen offers them.
var Measures = []Measure{MeasureCSAT, MeasureNPS, MeasureCES}

// Bounds are the smallest and largest value the measure can take.
func (m Measure) Bounds() (lo, hi float64) {
	switch m {
	case MeasureNPS:
		return -100, 100
	case MeasureCES:
		return 1, 7
	}
	return 0, 100
}

// Name is the measure's short name ("CSAT %", "NPS", "CES").
func (m Measure) Name(lang Texts) string {
	switch m {
	case MeasureNPS:
		return lang.L("NPS")
	case MeasureCES:
		return lang.L("CES")
	}
	return lang.L("CSAT %")
}

// Estimate is a figure with its 95 % range and the answers behind it.
type Estimate struct {
	Value, Low, High float64 // NaN when N == 0
	N                uint64
}

// Valid reports whether the estimate has answers.
func (e Estimate) Valid() bool { return e.N > 0 && !math.IsNaN(e.Value) }

// nan is an estimate of no answers.
func nan() Estimate { return Estimate{Value: math.NaN(), Low: math.NaN(), High: math.NaN()} }

// CSATEstimate is CSAT % of h with the satisfied cut-off and its Wilson
// 95 % range (data.CSATOf).
func CSATEstimate(h data.Histogram, cutoff int) Estimate {
	c := data.CSATOf(h, cutoff)
	return Estimate{Value: c.Percent, Low: c.Low, High: c.High, N: c.N}
}

// NPSEstimate is NPS of a 0–10 histogram with a 95 % range.
//
// NPS = p − d, the difference of two shares of one multinomial sample
// (promoters, detractors), so Var(p − d) = (p + d − (p − d)²)/n. The range
// is the adjusted Wald interval of Rocks (The American Statistician 70(4),
// 2016), as recommended for NPS: add 3/4 of an answer to promoters and to
// detractors and 3/2 to passives (n + 3 in all), then centre ± z·√Var with
// the adjusted shares. It keeps a width when every answer is a promoter
// (where plain Wald would give 0) and stays within −100..100. The value
// itself is the plain NPS.
func NPSEstimate(h data.Histogram) Estimate {
	n := h.N()
	if n == 0 {
		return nan()
	}
	nps := data.NPSOf(h)
	nf := float64(n) + 3
	p := (float64(h.CountFrom(9)) + 0.75) / nf
	d := (float64(h.CountTo(6)) + 0.75) / nf
	diff := p - d
	se := math.Sqrt(math.Max(0, p+d-diff*diff) / nf)
	return Estimate{Value: nps.Score, N: n,
		Low:  math.Max(-100, (diff-data.Z95*se)*100),
		High: math.Min(100, (diff+data.Z95*se)*100)}
}

// CESEstimate is the mean of a 1–7 effort histogram with its 95 % range,
// mean ± t(n−1)·s/√n (Student's t; one answer gives no range, so Low and
// High are the scale's ends).
func CESEstimate(h data.Histogram) Estimate {
	n := h.N()
	if n == 0 {
		return nan()
	}
	mean := h.Mean()
	e := Estimate{Value: mean, N: n, Low: 1, High: 7}
	if n < 2 {
		return e
	}
	var ss float64
	for v, c := range h {
		ss += float64(c) * (float64(v) - mean) * (float64(v) - mean)
	}
	s := math.Sqrt(ss / float64(n-1))
	half := T975(int(n-1)) * s / math.Sqrt(float64(n))
	e.Low, e.High = math.Max(1, mean-half), math.Min(7, mean+half)
	return e
}

// t975 are Student's t 0.975 quantiles for 1..30 degrees of freedom.
var t975 = [...]float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// T975 is Student's t 0.975 quantile with df degrees of freedom (a table to
// 30, then the Cornish–Fisher expansion, within 0.001); df < 1 gives +Inf.
func T975(df int) float64 {
	if df < 1 {
		return math.Inf(1)
	}
	if df <= len(t975) {
		return t975[df-1]
	}
	z, v := data.Z95, float64(df)
	return z + (z*z*z+z)/(4*v) + (5*math.Pow(z, 5)+16*z*z*z+3*z)/(96*v*v)
}

// EstimateOf is measure m of histogram h (cutoff is CSAT's satisfied
// cut-off; NPS and CES ignore it).
func EstimateOf(m Measure, h data.Histogram, cutoff int) Estimate {
	switch m {
	case MeasureNPS:
		return NPSEstimate(h)
	case MeasureCES:
		return CESEstimate(h)
	}
	return CSATEstimate(h, cutoff)
}

// MeasureTrend is measure m per period with 95 % ranges, as trend points
// (Value, Low, High in the measure's unit). For CSAT, qs are the questions
// counted together, each by its own cut-off; NPS and CES count qs's
// answers together.
func MeasureTrend(src data.DaySource, sid uint64, m Measure, qs []data.Question, seg data.Segment, p data.Period, from, to data.Day) ([]data.TrendPoint, error) {
	if m == MeasureCSAT {
		return data.CSATTrendOfQuestions(src, sid, qs, seg, p, from, to)
	}
	var buckets []data.Bucket
	for i, q := range qs {
		days, err := src.Days(sid, q.ID, seg, from, to)
		if err != nil {
			return nil, err
		}
		b := data.Bucketize(days, p, from, to)
		if i == 0 {
			buckets = b
			continue
		}
		for j := range buckets {
			buckets[j].Hist.Merge(b[j].Hist)
		}
	}
	out := make([]data.TrendPoint, len(buckets))
	for i, b := range buckets {
		e := EstimateOf(m, b.Hist, 0)
		out[i] = data.TrendPoint{Start: b.Start, End: b.End, Label: b.Label, N: e.N, Value: e.Value, Low: e.Low, High: e.High}
	}
	return out, nil
}

// MeasureQuestions are the questions of sv a measure is computed over: the
// main satisfaction question's lineage for CSAT, the first active NPS or
// effort question for the others; ok is false when sv has none.
func MeasureQuestions(sv *data.Survey, m Measure) ([]data.Question, bool) {
	switch m {
	case MeasureNPS:
		q, ok := sv.FirstOfKind(data.KindNPS)
		if !ok {
			return nil, false
		}
		return Lineage(sv, q), true
	case MeasureCES:
		q, ok := sv.FirstOfKind(data.KindCES)
		if !ok {
			return nil, false
		}
		return Lineage(sv, q), true
	}
	return Main(sv)
}

// measureOf sums qs's answers in from..to as measure m.
func measureOf(src data.DaySource, sid uint64, m Measure, qs []data.Question, seg data.Segment, from, to data.Day) (Estimate, error) {
	if m == MeasureCSAT {
		c, err := data.CSATOfQuestions(src, sid, qs, seg, from, to)
		if err != nil {
			return Estimate{}, err
		}
		if c.N == 0 {
			return nan(), nil
		}
		return Estimate{Value: c.Percent, Low: c.Low, High: c.High, N: c.N}, nil
	}
	var h data.Histogram
	for _, q := range qs {
		days, err := src.Days(sid, q.ID, seg, from, to)
		if err != nil {
			return Estimate{}, err
		}
		h.Merge(data.Sum(days, from, to))
	}
	return EstimateOf(m, h, 0), nil
}
