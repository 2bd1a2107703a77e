package data

import (
	"fmt"
	"time"
)

// DaySource gives per-day histograms of one question in one segment; the
// store's rollups implement it. Question ID 0 is the pseudo-question
// "responses": Hist[0] counts the responses of that day.
type DaySource interface {
	Days(surveyID uint64, questionID uint32, seg Segment, from, to Day) ([]DayHist, error)
}

// ResponsesQuestion is the pseudo-question ID whose histograms count
// responses per day.
const ResponsesQuestion uint32 = 0

// SummaryRow is one period of a survey summary.
type SummaryRow struct {
	Label      string
	Start, End Day // End exclusive
	Responses  uint64
	CSAT       CSAT    // of the chosen question
	Mean       float64 // of the chosen question; NaN when no answers
	NPS        NPS     // of the survey's first NPS question; N == 0 when none
	HasNPS     bool
}

// Summarize computes per-period figures for question q of survey sv within
// from..to inclusive, from the day histograms of src alone.
func Summarize(src DaySource, sv *Survey, q Question, seg Segment, p Period, from, to Day) ([]SummaryRow, error) {
	return SummarizeQuestions(src, sv, []Question{q}, seg, p, from, to)
}

// SummarizeQuestions is Summarize over several questions together (a
// question and the retired ones it replaced, or every satisfaction
// question): CSAT counts every answer to any of them, satisfied by its own
// question's cut-off; the mean counts the answers on the scale of qs[0].
func SummarizeQuestions(src DaySource, sv *Survey, qs []Question, seg Segment, p Period, from, to Day) ([]SummaryRow, error) {
	if len(qs) == 0 {
		return nil, fmt.Errorf("summary of survey %q: no question", sv.Name)
	}
	rDays, err := src.Days(sv.ID, ResponsesQuestion, seg, from, to)
	if err != nil {
		return nil, fmt.Errorf("summary of responses: %w", err)
	}
	var nDays []DayHist
	npsQ, hasNPS := sv.FirstOfKind(KindNPS)
	if hasNPS {
		if nDays, err = src.Days(sv.ID, npsQ.ID, seg, from, to); err != nil {
			return nil, fmt.Errorf("summary of NPS: %w", err)
		}
	}
	rb := Bucketize(rDays, p, from, to)
	nb := Bucketize(nDays, p, from, to)
	rows := make([]SummaryRow, len(rb))
	parts := make([][]CSAT, len(rb))
	means := make([]Histogram, len(rb))
	for _, q := range qs {
		qDays, err := src.Days(sv.ID, q.ID, seg, from, to)
		if err != nil {
			return nil, fmt.Errorf("summary of %q: %w", q.Text, err)
		}
		for i, b := range Bucketize(qDays, p, from, to) {
			parts[i] = append(parts[i], CSATOf(b.Hist, q.SatisfiedFrom))
			if q.SameScale(qs[0]) {
				means[i].Merge(b.Hist)
			}
		}
	}
	for i, b := range rb {
		rows[i] = SummaryRow{
			Label: b.Label, Start: b.Start, End: b.End,
			Responses: b.Hist.N(),
			CSAT:      CombineCSAT(parts[i]...),
			Mean:      means[i].Mean(),
			HasNPS:    hasNPS,
		}
		if hasNPS {
			rows[i].NPS = NPSOf(nb[i].Hist)
		}
	}
	return rows, nil
}

// KPIs are the headline figures of a dashboard for one question over a date
// range, with the same figures for the period just before it (same length)
// and the same range one year earlier.
type KPIs struct {
	From, To  Day
	Responses uint64
	CSAT      CSAT
	Mean      float64
	NPS       NPS
	HasNPS    bool
	CES       CES
	HasCES    bool
	Previous  CSAT // the preceding range of equal length
	LastYear  CSAT // the same range one year earlier
	Question  Question
}

// Change returns the difference in CSAT points against the previous range
// and whether it is beyond noise at 95 %.
func (k KPIs) Change() (points float64, meaningful bool) {
	return k.CSAT.Percent - k.Previous.Percent, DiffersSignificantly(k.CSAT, k.Previous)
}

// ComputeKPIs reads the day histograms it needs from src and computes the
// headline figures for question q of sv in segment seg within from..to.
func ComputeKPIs(src DaySource, sv *Survey, q Question, seg Segment, from, to Day) (KPIs, error) {
	return ComputeKPIsOf(src, sv, []Question{q}, seg, from, to)
}

// ComputeKPIsOf is ComputeKPIs over several questions together (a question
// and the retired ones it replaced, or every satisfaction question): CSAT,
// and its previous period and last year, count every answer to any of them
// satisfied by its own question's cut-off; the mean counts the answers on
// the scale of qs[0]; k.Question is qs[0]. This is the one place the
// comparison dates are worked out.
func ComputeKPIsOf(src DaySource, sv *Survey, qs []Question, seg Segment, from, to Day) (KPIs, error) {
	if len(qs) == 0 {
		return KPIs{From: from, To: to}, fmt.Errorf("figures of survey %q: no question", sv.Name)
	}
	k := KPIs{From: from, To: to, Question: qs[0]}
	prevFrom, lyFrom, lyTo := ComparisonRanges(from, to)
	start := min(prevFrom, lyFrom)
	var cur, prev, ly []CSAT
	var mean Histogram
	for _, q := range qs {
		days, err := src.Days(sv.ID, q.ID, seg, start, to)
		if err != nil {
			return k, fmt.Errorf("figures for %q: %w", q.Text, err)
		}
		h := Sum(days, from, to)
		cur = append(cur, CSATOf(h, q.SatisfiedFrom))
		if q.SameScale(qs[0]) {
			mean.Merge(h)
		}
		if from > 0 {
			prev = append(prev, CSATOf(Sum(days, prevFrom, from-1), q.SatisfiedFrom))
		} else {
			prev = append(prev, CSATOf(Histogram{}, q.SatisfiedFrom))
		}
		ly = append(ly, CSATOf(Sum(days, lyFrom, lyTo), q.SatisfiedFrom))
	}
	k.CSAT, k.Previous, k.LastYear = CombineCSAT(cur...), CombineCSAT(prev...), CombineCSAT(ly...)
	k.Mean = mean.Mean()

	rdays, err := src.Days(sv.ID, ResponsesQuestion, seg, from, to)
	if err != nil {
		return k, fmt.Errorf("response count: %w", err)
	}
	k.Responses = Sum(rdays, from, to).N()
	if nq, ok := sv.FirstOfKind(KindNPS); ok {
		nd, err := src.Days(sv.ID, nq.ID, seg, from, to)
		if err != nil {
			return k, fmt.Errorf("NPS: %w", err)
		}
		k.NPS, k.HasNPS = NPSOf(Sum(nd, from, to)), true
	}
	if cq, ok := sv.FirstOfKind(KindCES); ok {
		cd, err := src.Days(sv.ID, cq.ID, seg, from, to)
		if err != nil {
			return k, fmt.Errorf("CES: %w", err)
		}
		k.CES, k.HasCES = CESOf(Sum(cd, from, to)), true
	}
	return k, nil
}

// ComparisonRanges returns what a range from..to is compared with: the
// range of equal length just before it (prevFrom..from-1; it starts at day
// 0 when the range is longer than the days before it) and the same dates
// one year earlier (lyFrom..lyTo).
func ComparisonRanges(from, to Day) (prevFrom, lyFrom, lyTo Day) {
	if length := to - from + 1; from > length {
		prevFrom = from - length
	}
	lyFrom = YearBefore(from)
	lyTo = YearBefore(to)
	return prevFrom, lyFrom, lyTo
}

// YearBefore is the same calendar date one year earlier (29 February
// becomes 1 March).
func YearBefore(d Day) Day { return DayOf(d.Date(time.UTC).AddDate(-1, 0, 0)) }

// CombineCSAT adds the counts of several CSAT shares (each already judged
// with its own question's cut-off) into one, with its Wilson interval.
func CombineCSAT(parts ...CSAT) CSAT {
	var sat, n uint64
	for _, p := range parts {
		sat += p.Satisfied
		n += p.N
	}
	var h Histogram // n answers of which sat at or above a cut-off of 1
	h[1], h[0] = sat, n-sat
	return CSATOf(h, 1)
}

// CSATOfQuestions is CSAT % over several questions of survey sid: every
// answer to any of them counts once, satisfied by its own question's
// cut-off ("all satisfaction questions").
func CSATOfQuestions(src DaySource, sid uint64, qs []Question, seg Segment, from, to Day) (CSAT, error) {
	parts := make([]CSAT, 0, len(qs))
	for _, q := range qs {
		days, err := src.Days(sid, q.ID, seg, from, to)
		if err != nil {
			return CSAT{}, fmt.Errorf("figures for %q: %w", q.Text, err)
		}
		parts = append(parts, CSATOf(Sum(days, from, to), q.SatisfiedFrom))
	}
	return CombineCSAT(parts...), nil
}

// CSATTrendOfQuestions is CSATTrend over several questions, period by
// period, each answer judged by its own question's cut-off.
func CSATTrendOfQuestions(src DaySource, sid uint64, qs []Question, seg Segment, p Period, from, to Day) ([]TrendPoint, error) {
	var out []TrendPoint
	for i, q := range qs {
		days, err := src.Days(sid, q.ID, seg, from, to)
		if err != nil {
			return nil, fmt.Errorf("trend of %q: %w", q.Text, err)
		}
		pts := Bucketize(days, p, from, to)
		if i == 0 {
			out = make([]TrendPoint, len(pts))
		}
		for j, b := range pts {
			c := CombineCSAT(CSAT{Satisfied: out[j].satisfied, N: out[j].N}, CSATOf(b.Hist, q.SatisfiedFrom))
			out[j] = TrendPoint{Start: b.Start, End: b.End, Label: b.Label, N: c.N, Value: c.Percent, Low: c.Low, High: c.High, satisfied: c.Satisfied}
		}
	}
	return out, nil
}
