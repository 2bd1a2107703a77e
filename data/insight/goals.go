package insight

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"csatdesk/data"
)

// Goal is a SMART goal: a target for CSAT %, NPS or CES, for the whole
// business or one segment (a location, say), to reach between Start and
// Deadline.
type Goal struct {
	ID      int     `json:"id"`
	Name    string  `json:"name,omitempty"`
	Measure Measure `json:"measure"`
	// SurveyID is the survey the goal is measured on; 0: whichever
	// survey is shown (the business has one survey, or the same goal for
	// each).
	SurveyID uint64       `json:"survey,omitempty"`
	Segment  data.Segment `json:"segment,omitempty"` // All(): the whole business
	Target   float64      `json:"target"`
	Start    data.Day     `json:"start"`
	// Deadline is the last day; 0 only for a goal migrated from the old
	// single goal without a date.
	Deadline data.Day `json:"deadline"`
}

// AppliesTo reports whether the goal is measured on survey sid.
func (g Goal) AppliesTo(sid uint64) bool { return g.SurveyID == 0 || g.SurveyID == sid }

// Label names the goal on a chart: "Goal 85 % by 2026-12-31", with the
// segment when it has one.
func (g Goal) Label(lang Texts) string {
	var s string
	target := FormatMeasure(lang, g.Measure, g.Target)
	if g.Deadline > 0 {
		s = lang.L("Goal {{.Goal}} by {{.Date}}", map[string]any{"Goal": target, "Date": lang.Day(g.Deadline)})
	} else {
		s = lang.L("Goal {{.Goal}}", map[string]any{"Goal": target})
	}
	if !g.Segment.All() {
		s += " (" + SegmentName(lang, g.Segment) + ")"
	}
	return s
}

// FormatMeasure writes a value of measure m: "85 %", "+32", "5.4" (a
// tenth shown when the value has one: a target of 88.5 %).
func FormatMeasure(lang Texts, m Measure, v float64) string {
	dec := 0
	if v != math.Round(v) {
		dec = 1
	}
	switch m {
	case MeasureNPS:
		s := lang.Number(v, dec)
		if v > 0 {
			s = "+" + s
		}
		return s
	case MeasureCES:
		return lang.Number(v, 1)
	}
	return lang.Number(v, dec) + " %"
}

// InputProblem is what is wrong with a goal, note or wave typed by the
// user (Field names the field); its text is
// an English key for Texts.
type InputProblem struct {
	Field string // "target", "start", "deadline", "measure"
	Key   string
	Args  map[string]any
}

func (p *InputProblem) Error() string { return English.L(p.Key, p.Args) }

// Text is the problem in the reader's language.
func (p *InputProblem) Text(tr Texts) string { return tr.L(p.Key, p.Args) }

// keys is Texts that returns a sentence's key unchanged (English without
// arguments): a problem keeps its key and arguments apart, and the key
// still appears in a lang.L call for the translation check.
var keys Texts = english{}

// Validate checks a goal before it is saved.
func (g Goal) Validate() error {
	lang := keys // the problems carry keys, rendered later by InputProblem.Text
	lo, hi := g.Measure.Bounds()
	switch {
	case g.Measure != MeasureCSAT && g.Measure != MeasureNPS && g.Measure != MeasureCES:
		return &InputProblem{Field: "measure", Key: lang.L("Pick CSAT, NPS or CES.")}
	case math.IsNaN(g.Target) || g.Target < lo || g.Target > hi:
		return &InputProblem{Field: "target", Key: lang.L("Target: type a number from {{.Low}} to {{.High}}."), Args: map[string]any{"Low": lo, "High": hi}}
	case g.Start == 0:
		return &InputProblem{Field: "start", Key: lang.L("Start: type a date as YYYY-MM-DD.")}
	case g.Deadline == 0:
		return &InputProblem{Field: "deadline", Key: lang.L("Deadline: type a date as YYYY-MM-DD.")}
	case g.Deadline <= g.Start:
		return &InputProblem{Field: "deadline", Key: lang.L("The deadline must come after the start.")}
	}
	return nil
}

// ParseDate reads a date typed as YYYY-MM-DD.
func ParseDate(s string) (data.Day, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a date as YYYY-MM-DD", s)
	}
	return data.DayOf(t), nil
}

// GoalsKey is the setting the goals are stored under (a JSON list).
const GoalsKey = "goals"

// LoadGoals reads the business's goals. Before the first save it offers
// the old single CSAT goal of the settings (Settings.Goal, GoalDate), if
// any, as one goal; an unreadable record is an error.
func LoadGoals(st SettingStore) ([]Goal, error) {
	b, err := st.Setting(GoalsKey)
	if err != nil {
		return nil, fmt.Errorf("read goals: %w", err)
	}
	if b == nil {
		return legacyGoals(LoadSettings(st)), nil
	}
	var gs []Goal
	if err := json.Unmarshal(b, &gs); err != nil {
		return nil, fmt.Errorf("read goals: %w", err)
	}
	return gs, nil
}

// legacyGoals turns the old single goal of s into a goal list.
func legacyGoals(s Settings) []Goal {
	if s.Goal <= 0 || s.Goal > 100 {
		return nil
	}
	g := Goal{ID: 1, Measure: MeasureCSAT, Target: s.Goal}
	if d, err := ParseDate(s.GoalDate); err == nil {
		g.Deadline = d
		g.Start = data.DayOf(d.Date(time.UTC).AddDate(-1, 0, 0))
	}
	return []Goal{g}
}

// SaveGoals stores gs (in ID order), giving new goals (ID 0) an ID; the
// old single goal of the settings is no longer read after this.
func SaveGoals(st SettingStore, gs []Goal) ([]Goal, error) {
	out := append([]Goal(nil), gs...)
	next := 1
	for _, g := range out {
		next = max(next, g.ID+1)
	}
	for i := range out {
		if out[i].ID == 0 {
			out[i].ID = next
			next++
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if out == nil {
		out = []Goal{}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("save goals: %w", err)
	}
	if err := st.SetSetting(GoalsKey, b); err != nil {
		return nil, fmt.Errorf("save goals: %w", err)
	}
	return out, nil
}

// GoalStatus is the verdict on a goal's progress.
type GoalStatus int

// The verdicts; see GoalProgress for the rule.
const (
	GoalNoData     GoalStatus = iota // no answers since the start
	GoalNotStarted                   // the start is in the future
	GoalTooEarly                     // too few periods or the range too wide to say
	GoalOnTrack                      // the trend reaches the target by the deadline
	GoalNotOnTrack                   // even the trend's upper range misses the target
	GoalReached                      // the whole range of the current value is at or above the target
	GoalMet                          // deadline passed, target met
	GoalMissed                       // deadline passed, target missed
)

// Progress is how far a goal is.
type Progress struct {
	Goal Goal
	// Current is the measure over the last CurrentDays up to today (not
	// before the start) with its 95 % range.
	Current Estimate
	// ToGo is target − current value (≤ 0 once the value is at the
	// target).
	ToGo float64
	// DaysLeft is the number of days from today to the deadline (0 when
	// it has passed).
	DaysLeft int
	// Points is the measure per period since the start, with ranges.
	Points []data.TrendPoint
	// Forecast is the linear trend extrapolated to the deadline with its
	// 95 % range; not Valid when there is no trend.
	Forecast Estimate
	Status   GoalStatus
}

// CurrentDays is the window of a goal's current value: the last 90 days
// (about a quarter), long enough for a small business to have a few dozen
// answers, short enough to follow change.
const CurrentDays = 90

// MinTrendPeriods is the number of periods with answers a trend needs
// before a goal is judged on track or not.
const MinTrendPeriods = 3

// GoalProgress computes the progress of goal g on survey sv from the
// day histograms in src, as of today. It is a pure function of its inputs.
//
// The rule (documented in docs/DECISIONS.md):
//   - current value = the measure over the last CurrentDays days (not before
//     the start), with its 95 % range; "to go" = target − value;
//   - the trend = a straight line fitted to the per-period values since the
//     start (months; weeks for goals shorter than four months), each period
//     weighted by 1/its sampling variance, the line's variance scaled up by
//     the scatter around it when that is larger than sampling noise
//     explains; it is extrapolated to the deadline with a 95 % range
//     (z, or Student's t with periods − 2 degrees of freedom when scaled);
//   - Reached: the current range's low end is at or above the target;
//   - Not on track: even the extrapolation's upper range misses the target;
//   - On track: the extrapolated value reaches the target and its range is
//     narrow enough to mean something (half-width at most a fifth of the
//     measure's span: 20 CSAT points, 40 NPS points, 1.2 CES);
//   - Too early to say: otherwise, or with fewer than MinTrendPeriods periods
//     with answers;
//   - after the deadline: Met when the value over the last CurrentDays
//     before the deadline is at or above the target, else Missed.
func GoalProgress(src data.DaySource, sv *data.Survey, g Goal, today data.Day) (Progress, error) {
	pr := Progress{Goal: g, Current: nan(), Forecast: nan(), ToGo: math.NaN()}
	qs, ok := MeasureQuestions(sv, g.Measure)
	if !ok {
		return pr, nil
	}
	if g.Start > today {
		pr.Status = GoalNotStarted
		return pr, nil
	}
	end := today
	if g.Deadline > 0 && g.Deadline < today {
		end = g.Deadline
	}
	if g.Deadline > today {
		pr.DaysLeft = int(g.Deadline - today)
	}
	from := g.Start
	if end >= CurrentDays && end-CurrentDays+1 > from {
		from = end - CurrentDays + 1
	}
	cur, err := measureOf(src, sv.ID, g.Measure, qs, g.Segment, from, end)
	if err != nil {
		return pr, fmt.Errorf("goal progress: %w", err)
	}
	pr.Current = cur
	if !cur.Valid() {
		pr.Status = GoalNoData
		return pr, nil
	}
	pr.ToGo = g.Target - cur.Value
	if g.Deadline > 0 && g.Deadline < today {
		pr.Status = GoalMissed
		if cur.Value >= g.Target {
			pr.Status = GoalMet
		}
		return pr, nil
	}
	period := data.PeriodMonth
	if g.Deadline > 0 && g.Deadline-g.Start < 120 {
		period = data.PeriodWeek
	}
	pts, err := MeasureTrend(src, sv.ID, g.Measure, qs, g.Segment, period, g.Start, end)
	if err != nil {
		return pr, fmt.Errorf("goal progress: %w", err)
	}
	pr.Points = pts
	if g.Deadline > 0 {
		pr.Forecast = Extrapolate(pts, g.Measure, g.Deadline)
	}
	pr.Status = Judge(g.Measure, cur, pr.Forecast, g.Target)
	return pr, nil
}

// Judge applies the rule of GoalProgress to a current value and a
// forecast at the deadline.
func Judge(m Measure, cur, forecast Estimate, target float64) GoalStatus {
	switch {
	case !cur.Valid():
		return GoalNoData
	case cur.Low >= target:
		return GoalReached
	case math.IsNaN(forecast.Value):
		return GoalTooEarly
	case forecast.High < target:
		return GoalNotOnTrack
	case forecast.Value >= target && forecast.High-forecast.Low <= 2*precise(m):
		return GoalOnTrack
	}
	return GoalTooEarly
}

// precise is the widest half-range of a forecast that "on track" may be
// said on: a fifth of the measure's span (20 CSAT points, 40 NPS points,
// 1.2 on the CES scale). A wider forecast says little: it would call a
// few noisy months "on track" because their line happens to point up.
func precise(m Measure) float64 {
	lo, hi := m.Bounds()
	return (hi - lo) / 5
}

// Extrapolate fits a weighted straight line to the valid points (x = each
// period's middle day, weight = 1/variance from its 95 % range) and
// returns its value at day with a 95 % range, clamped to the measure's
// bounds. With fewer than MinTrendPeriods valid points it returns an
// invalid estimate.
func Extrapolate(pts []data.TrendPoint, m Measure, day data.Day) Estimate {
	var xs, ys, ws []float64
	var n uint64
	for _, p := range pts {
		if !p.Valid() {
			continue
		}
		// The sampling SE from the range's half-width, at least a
		// tenth of the measure's span divided by √n so that a 100 %
		// period (a zero-width Wald range) does not weigh infinitely.
		lo, hi := m.Bounds()
		se := (p.High - p.Low) / (2 * data.Z95)
		se = math.Max(se, (hi-lo)/10/math.Sqrt(float64(p.N)))
		mid := float64(p.Start) + float64(p.End-p.Start)/2
		xs, ys, ws = append(xs, mid), append(ys, p.Value), append(ws, 1/(se*se))
		n += p.N
	}
	k := len(xs)
	if k < MinTrendPeriods {
		return nan()
	}
	var sw, swx, swy float64
	for i := range xs {
		sw += ws[i]
		swx += ws[i] * xs[i]
		swy += ws[i] * ys[i]
	}
	xm, ym := swx/sw, swy/sw
	var sxx, sxy float64
	for i := range xs {
		dx := xs[i] - xm
		sxx += ws[i] * dx * dx
		sxy += ws[i] * dx * (ys[i] - ym)
	}
	if sxx == 0 {
		return nan()
	}
	slope := sxy / sxx
	var chi2 float64
	for i := range xs {
		r := ys[i] - (ym + slope*(xs[i]-xm))
		chi2 += ws[i] * r * r
	}
	// The weights are the known sampling variances, so the line's range
	// uses z; when the points scatter more than sampling noise explains
	// (a reduced χ² over 1), the variance is scaled by it and t with
	// k − 2 degrees of freedom is used instead.
	scale, q := 1.0, data.Z95
	if red := chi2 / float64(k-2); red > 1 {
		scale, q = red, T975(k-2)
	}
	x0 := float64(day)
	y0 := ym + slope*(x0-xm)
	se := math.Sqrt(scale * (1/sw + (x0-xm)*(x0-xm)/sxx))
	half := q * se
	lo, hi := m.Bounds()
	return Estimate{Value: clampTo(y0, lo, hi), Low: clampTo(y0-half, lo, hi), High: clampTo(y0+half, lo, hi), N: n}
}

func clampTo(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// Words say the progress in a sentence: "+3.1 points to go, 2 months
// left · on track".
func (p Progress) Words(lang Texts) string {
	status := p.Status.Words(lang)
	if !p.Current.Valid() {
		return status
	}
	return p.ToGoWords(lang) + " · " + status
}

// ToGoWords say how far and how long is left: "+3.1 points to go, 2
// months left" ("" without a current value).
func (p Progress) ToGoWords(lang Texts) string {
	if !p.Current.Valid() {
		return ""
	}
	var parts []string
	unit := 1
	if p.Goal.Measure == MeasureCES {
		unit = 2
	}
	if p.ToGo > 0 {
		parts = append(parts, lang.L("+{{.Points}} points to go", map[string]any{"Points": lang.Number(p.ToGo, unit)}))
	} else {
		parts = append(parts, lang.L("at the target"))
	}
	if p.Goal.Deadline > 0 && p.DaysLeft > 0 {
		parts = append(parts, TimeLeft(lang, p.DaysLeft))
	}
	return strings.Join(parts, ", ")
}

// TimeLeft says how long is left: "12 days left", "2 months left".
func TimeLeft(lang Texts, days int) string {
	if days < 45 {
		return lang.L("{{.N}} days left", map[string]any{"N": days})
	}
	return lang.L("{{.N}} months left", map[string]any{"N": int(math.Round(float64(days) / 30.44))})
}

// Words name the status.
func (s GoalStatus) Words(lang Texts) string {
	switch s {
	case GoalNotStarted:
		return lang.L("not started yet")
	case GoalTooEarly:
		return lang.L("too early to say")
	case GoalOnTrack:
		return lang.L("on track")
	case GoalNotOnTrack:
		return lang.L("not on track")
	case GoalReached:
		return lang.L("reached")
	case GoalMet:
		return lang.L("met")
	case GoalMissed:
		return lang.L("missed")
	}
	return lang.L("no answers yet")
}

// GoalsFor returns the goals of gs measured on survey sid.
func GoalsFor(gs []Goal, sid uint64) []Goal {
	var out []Goal
	for _, g := range gs {
		if g.AppliesTo(sid) {
			out = append(out, g)
		}
	}
	return out
}
