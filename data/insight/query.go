package insight

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"csatdesk/data"
)

// Chart is one of the dashboard's charts.
type Chart int

// The charts, in the order the dashboard lists them.
const (
	ChartTrend Chart = iota
	ChartDistribution
	ChartNPS
	ChartSegments
	ChartVolume
)

// Charts lists every chart in order.
var Charts = []Chart{ChartTrend, ChartDistribution, ChartNPS, ChartSegments, ChartVolume}

var chartIDs = [...]string{"trend", "distribution", "nps", "segments", "volume"}

// ID is the chart's name on the command line ("trend").
func (c Chart) ID() string { return chartIDs[c] }

// FileName is the PNG name of the chart in a folder of every chart.
func (c Chart) FileName() string {
	return [...]string{"csat-trend", "distribution", "nps", "segments", "volume"}[c] + ".png"
}

// ParseChart reads a chart's command-line name.
func ParseChart(s string) (Chart, bool) {
	for i, id := range chartIDs {
		if id == s {
			return Chart(i), true
		}
	}
	return 0, false
}

// ChartNames names the charts for the reader, in the order of [Charts].
func ChartNames(lang Texts) []string {
	return []string{lang.L("CSAT trend"), lang.L("Score distribution"), lang.L("NPS by period"), lang.L("CSAT by segment"), lang.L("Responses per period")}
}

// Query is everything a chart is computed from: a snapshot of the filters,
// so a render in the background never reads widgets.
type Query struct {
	Survey   data.Survey
	Choice   Choice         // the question(s) counted
	Segment  data.Segment   // the filter; All() for every response
	Segments []data.Segment // the survey's segments (for the segment chart and comparisons)
	From, To data.Day
	Period   data.Period
	// Compare is the trend's second line: CompareNothing, CompareYearBefore,
	// or CompareSegment+i for the i-th segment of Segments that is not All.
	Compare  int
	Settings Settings
	Lang     Texts
	// Goals are the business's goals (LoadGoals); nil falls back to the
	// old single goal of Settings. The trend draws those of TrendGoals.
	Goals []Goal
	// Notes are the event notes (LoadNotes); the trend draws those of
	// TrendNotes.
	Notes []Note
	// ValueLabels writes every trend point's value on the chart.
	ValueLabels bool
}

// The comparisons of Query.Compare.
const (
	CompareNothing    = 0
	CompareYearBefore = 1
	CompareSegment    = 2
)

// CompareOptions names the trend's comparisons for segments segs, in the
// order of Query.Compare.
func CompareOptions(lang Texts, segs []data.Segment) []string {
	opts := []string{lang.L("Nothing"), lang.L("The year before")}
	for _, s := range segs {
		if !s.All() {
			opts = append(opts, SegmentName(lang, s))
		}
	}
	return opts
}

func (q *Query) questions() []data.Question {
	if len(q.Choice.Questions) == 0 {
		return nil
	}
	return q.Choice.Questions
}

// Question is the question the chart is labelled with.
func (q *Query) Question() data.Question { return q.Choice.Question() }

// Overall is CSAT over the whole range.
func (q *Query) Overall(src data.DaySource) (data.CSAT, error) {
	return data.CSATOfQuestions(src, q.Survey.ID, q.questions(), q.Segment, q.From, q.To)
}

// TrendMeasure is what the trend shows: NPS for an NPS question, the mean
// effort score for a CES question, else CSAT %.
func (q *Query) TrendMeasure() Measure {
	if q.Choice.All || len(q.Choice.Questions) == 0 {
		return MeasureCSAT
	}
	switch q.Question().Kind {
	case data.KindNPS:
		return MeasureNPS
	case data.KindCES:
		return MeasureCES
	}
	return MeasureCSAT
}

// Trend is the trend's measure (CSAT %, or NPS or CES, see TrendMeasure)
// per period, with 95 % ranges.
func (q *Query) Trend(src data.DaySource) ([]data.TrendPoint, error) {
	return q.trendOf(src, q.Segment, q.From, q.To)
}

func (q *Query) trendOf(src data.DaySource, seg data.Segment, from, to data.Day) ([]data.TrendPoint, error) {
	if m := q.TrendMeasure(); m != MeasureCSAT {
		return MeasureTrend(src, q.Survey.ID, m, q.questions(), seg, q.Period, from, to)
	}
	return data.CSATTrendOfQuestions(src, q.Survey.ID, q.questions(), seg, q.Period, from, to)
}

// CompareTrend is the trend's second line, n points long to line up period
// by period with the first: the same periods a year earlier, or another
// segment over the same dates; nil when there is none.
func (q *Query) CompareTrend(src data.DaySource, n int) (pts []data.TrendPoint, label string, err error) {
	lang := q.Lang
	switch {
	case q.Compare == CompareYearBefore:
		pts, err = q.trendOf(src, q.Segment, data.YearBefore(q.From), data.YearBefore(q.To))
		if err != nil {
			return nil, "", err
		}
		return fitLength(pts, n), lang.L("The year before"), nil
	case q.Compare >= CompareSegment:
		var segs []data.Segment
		for _, s := range q.Segments {
			if !s.All() {
				segs = append(segs, s)
			}
		}
		i := q.Compare - CompareSegment
		if i >= len(segs) {
			return nil, "", nil
		}
		pts, err = q.trendOf(src, segs[i], q.From, q.To)
		if err != nil {
			return nil, "", err
		}
		return fitLength(pts, n), SegmentName(lang, segs[i]), nil
	}
	return nil, "", nil
}

// fitLength pads (with empty points) or trims pts to n points.
func fitLength(pts []data.TrendPoint, n int) []data.TrendPoint {
	for len(pts) < n {
		pts = append(pts, data.TrendPoint{Value: math.NaN(), Low: math.NaN(), High: math.NaN()})
	}
	return pts[:n]
}

// Distribution is how the answers spread over the question's scale: the
// answers to the question and to the retired ones it replaced on the same
// scale. "All satisfaction questions" has none (the scales may differ).
func (q *Query) Distribution(src data.DaySource) (data.Question, data.Histogram, error) {
	lang := q.Lang
	var total data.Histogram
	if q.Choice.All {
		return data.Question{}, total, errors.New(lang.L("Pick one question to see how its answers spread over the scale."))
	}
	qs := q.questions()
	if len(qs) == 0 {
		return data.Question{}, total, errors.New("no question to chart")
	}
	for _, x := range qs {
		if !x.SameScale(qs[0]) {
			continue
		}
		days, err := src.Days(q.Survey.ID, x.ID, q.Segment, q.From, q.To)
		if err != nil {
			return qs[0], total, fmt.Errorf("distribution of %q: %w", x.Text, err)
		}
		total.Merge(data.Sum(days, q.From, q.To))
	}
	return qs[0], total, nil
}

// NPS is the survey's NPS question and its answers per period, with n.
func (q *Query) NPS(src data.DaySource) (data.Question, []data.Bucket, uint64, error) {
	lang := q.Lang
	nq, ok := q.Survey.FirstOfKind(data.KindNPS)
	if !ok {
		return nq, nil, 0, errors.New(lang.L("This survey has no NPS question."))
	}
	nd, err := src.Days(q.Survey.ID, nq.ID, q.Segment, q.From, q.To)
	if err != nil {
		return nq, nil, 0, fmt.Errorf("NPS: %w", err)
	}
	return nq, data.Bucketize(nd, q.Period, q.From, q.To), data.Sum(nd, q.From, q.To).N(), nil
}

// SegmentCSAT is CSAT in one segment.
type SegmentCSAT struct {
	Label string
	CSAT  data.CSAT
}

// BySegment is CSAT in every segment with answers, best first.
func (q *Query) BySegment(src data.DaySource) ([]SegmentCSAT, error) {
	var rows []SegmentCSAT
	for _, s := range q.Segments {
		if s.All() {
			continue
		}
		c, err := data.CSATOfQuestions(src, q.Survey.ID, q.questions(), s, q.From, q.To)
		if err != nil {
			return nil, err
		}
		if c.N > 0 {
			rows = append(rows, SegmentCSAT{Label: SegmentName(q.Lang, s), CSAT: c})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].CSAT.Percent > rows[j].CSAT.Percent })
	return rows, nil
}

// Volume is the number of responses per period, with their total.
func (q *Query) Volume(src data.DaySource) ([]data.Bucket, uint64, error) {
	rd, err := src.Days(q.Survey.ID, data.ResponsesQuestion, q.Segment, q.From, q.To)
	if err != nil {
		return nil, 0, fmt.Errorf("responses per period: %w", err)
	}
	return data.Bucketize(rd, q.Period, q.From, q.To), data.Sum(rd, q.From, q.To).N(), nil
}

// Title is the chart's heading.
func (q *Query) Title(c Chart) string {
	lang := q.Lang
	switch c {
	case ChartTrend:
		switch q.TrendMeasure() {
		case MeasureNPS:
			return lang.L("NPS by {{.Period}}: {{.Question}}", map[string]any{"Period": PeriodWord(lang, q.Period), "Question": q.Question().Text})
		case MeasureCES:
			return lang.L("Mean effort score (CES) by {{.Period}}: {{.Question}}", map[string]any{"Period": PeriodWord(lang, q.Period), "Question": q.Question().Text})
		}
		return lang.L("CSAT % by {{.Period}}: {{.Question}}", map[string]any{"Period": PeriodWord(lang, q.Period), "Question": q.Question().Text})
	case ChartDistribution:
		return lang.L("How customers answered: {{.Question}}", map[string]any{"Question": q.Question().Text})
	case ChartNPS:
		return lang.L("Net Promoter Score by {{.Period}}", map[string]any{"Period": PeriodWord(lang, q.Period)})
	case ChartSegments:
		return lang.L("CSAT % by location, channel and staff: {{.Question}}", map[string]any{"Question": q.Question().Text})
	case ChartVolume:
		return lang.L("Responses per {{.Period}}", map[string]any{"Period": PeriodWord(lang, q.Period)})
	}
	return ""
}

// Subtitle is "survey · segment · dates · n = …" under a chart's title.
func (q *Query) Subtitle(n uint64) string {
	lang := q.Lang
	parts := []string{q.Survey.Name}
	if !q.Segment.All() {
		parts = append(parts, SegmentName(lang, q.Segment))
	}
	parts = append(parts, fmt.Sprintf("%s – %s", lang.Day(q.From), lang.Day(q.To)), lang.L("n = {{.N}}", map[string]any{"N": n}))
	return strings.Join(parts, " · ")
}

// Footer says how the CSAT charts count, with the business name.
func (q *Query) Footer() string {
	lang := q.Lang
	qs := q.questions()
	if q.Choice.All || !sameCut(qs) {
		return q.WithBusiness(lang.L("Every answer to a satisfaction question counts, satisfied by its own question's cut-off; blank answers not counted; shading shows 95 % ranges."))
	}
	qn := q.Question()
	return q.WithBusiness(lang.L("Satisfied = {{.Cut}}–{{.Max}} on a {{.Min}}–{{.Max}} scale; CSAT % = satisfied ÷ all answers; blank answers not counted; bars and shading show 95 % ranges.",
		map[string]any{"Cut": qn.SatisfiedFrom, "Min": qn.Min, "Max": qn.Max}))
}

// TrendFooter explains the trend's measure and its ranges.
func (q *Query) TrendFooter() string {
	lang := q.Lang
	switch q.TrendMeasure() {
	case MeasureNPS:
		return q.WithBusiness(lang.L("NPS = % promoters (9–10) − % detractors (0–6); shading shows 95 % ranges (adjusted Wald for a difference of two shares)."))
	case MeasureCES:
		return q.WithBusiness(lang.L("CES = mean answer on the 1–7 scale (7 = very easy); shading shows 95 % ranges (mean ± t × standard error)."))
	}
	return q.Footer()
}

// NPSFooter explains NPS, naming question nq.
func (q *Query) NPSFooter(nq data.Question) string {
	lang := q.Lang
	return q.WithBusiness(lang.L("NPS = % promoters (9–10) − % detractors (0–6), from −100 to +100; question: {{.Question}}", map[string]any{"Question": nq.Text}))
}

// VolumeFooter explains the response count.
func (q *Query) VolumeFooter() string {
	lang := q.Lang
	return q.WithBusiness(lang.L("Every stored response counts once, by the date on its form."))
}

// sameCut reports whether the questions judge answers alike.
func sameCut(qs []data.Question) bool {
	for _, x := range qs {
		if !x.SameScale(qs[0]) || x.SatisfiedFrom != qs[0].SatisfiedFrom {
			return false
		}
	}
	return true
}

// WithBusiness puts the business name in front of a footer.
func (q *Query) WithBusiness(s string) string {
	if q.Settings.Business != "" {
		return q.Settings.Business + " · " + s
	}
	return s
}

// BandLabel names the benchmark band.
func (q *Query) BandLabel() string {
	lang, s := q.Lang, q.Settings
	return lang.L("Good CSAT {{.Low}}–{{.High}} %", map[string]any{"Low": lang.Number(s.BandLow, 0), "High": lang.Number(s.BandHigh, 0)})
}

// GoalLabel names the goal line.
func (q *Query) GoalLabel() string {
	lang, s := q.Lang, q.Settings
	if s.GoalDate != "" {
		return lang.L("Goal {{.Goal}} % by {{.Date}}", map[string]any{"Goal": lang.Number(s.Goal, 0), "Date": s.GoalDate})
	}
	return lang.L("Goal {{.Goal}} %", map[string]any{"Goal": lang.Number(s.Goal, 0)})
}

// TrendGoals are the goals the trend draws: goals on the trend's measure
// on this survey for the segment shown (whole-business goals when no
// segment is picked).
func (q *Query) TrendGoals() []Goal {
	gs := q.Goals
	if gs == nil {
		gs = legacyGoals(q.Settings)
	}
	var out []Goal
	for _, g := range gs {
		if g.Measure == q.TrendMeasure() && g.AppliesTo(q.Survey.ID) && g.Segment == q.Segment {
			out = append(out, g)
		}
	}
	return out
}

// TrendNotes are the event notes of the survey within the query's dates.
func (q *Query) TrendNotes() []Note { return NotesIn(q.Notes, q.Survey.ID, q.From, q.To) }

// PartialLabel names a period the date range covers only in part ("partial
// month").
func (q *Query) PartialLabel() string {
	lang := q.Lang
	switch q.Period {
	case data.PeriodDay:
		return lang.L("partial day")
	case data.PeriodWeek:
		return lang.L("partial week")
	case data.PeriodQuarter:
		return lang.L("partial quarter")
	case data.PeriodYear:
		return lang.L("partial year")
	}
	return lang.L("partial month")
}

// PeriodWord names a period inside a sentence ("month").
func PeriodWord(lang Texts, p data.Period) string {
	switch p {
	case data.PeriodDay:
		return lang.L("day")
	case data.PeriodWeek:
		return lang.L("week")
	case data.PeriodQuarter:
		return lang.L("quarter")
	case data.PeriodYear:
		return lang.L("year")
	}
	return lang.L("month")
}

// SegmentName is how a segment reads in a filter or a legend.
func SegmentName(lang Texts, s data.Segment) string {
	switch {
	case s.All():
		return lang.L("All responses")
	case s.Name == data.ChannelSegment:
		return lang.L("Channel: {{.Value}}", map[string]any{"Value": s.Value})
	case s.Name == data.TagLocation:
		return lang.L("Location: {{.Value}}", map[string]any{"Value": s.Value})
	case s.Name == data.TagStaff:
		return lang.L("Staff: {{.Value}}", map[string]any{"Value": s.Value})
	case s.Name == data.TagProduct:
		return lang.L("Product: {{.Value}}", map[string]any{"Value": s.Value})
	}
	name := []rune(s.Name)
	name[0] = unicode.ToUpper(name[0])
	return fmt.Sprintf("%s: %s", string(name), s.Value)
}
