package insight

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"csatdesk/data"
)

// Wave is one collection period of a survey ("Spring 2026": from..to).
type Wave struct {
	Name string   `json:"name"`
	From data.Day `json:"from"`
	To   data.Day `json:"to"`
}

// PrintBatch is one run of printed paper forms: numbered Prefix+First …
// Prefix+(First+Count−1) (as paperform.Options.FormNumber writes them),
// printed on Day.
type PrintBatch struct {
	Day    data.Day `json:"day"`
	Prefix string   `json:"prefix,omitempty"`
	First  int      `json:"first"`
	Count  int      `json:"count"`
}

// NewPrintBatch is the batch of count forms numbered from first (0 means
// 1, as paperform.Options.FormNumber numbers them) with prefix, printed
// on day.
func NewPrintBatch(prefix string, first, count int, day data.Day) PrintBatch {
	if first == 0 {
		first = 1
	}
	return PrintBatch{Day: day, Prefix: prefix, First: first, Count: count}
}

// Holds reports whether form number s is one of the batch's.
func (b PrintBatch) Holds(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, b.Prefix) {
		return false
	}
	rest := s[len(b.Prefix):]
	if rest == "" || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		return false
	}
	n, err := strconv.Atoi(rest)
	return err == nil && n >= b.First && n < b.First+b.Count
}

// WavePlan is a survey's waves, how often a wave should repeat and the
// forms printed for it.
type WavePlan struct {
	Waves []Wave `json:"waves"`
	// RepeatMonths is how long after the last wave the next is due
	// (6–12; 0 means DefaultRepeatMonths).
	RepeatMonths int          `json:"repeat_months,omitempty"`
	Printed      []PrintBatch `json:"printed,omitempty"`
}

// DefaultRepeatMonths is how long after a wave the next is due by default.
const DefaultRepeatMonths = 6

// Repeat is RepeatMonths with its default.
func (p WavePlan) Repeat() int {
	if p.RepeatMonths < 1 {
		return DefaultRepeatMonths
	}
	return p.RepeatMonths
}

// wavesKey is the setting a survey's wave plan is stored under.
func wavesKey(sid uint64) string { return fmt.Sprintf("survey/%d/waves", sid) }

// LoadWaves reads survey sid's wave plan (empty when there is none).
func LoadWaves(st SettingStore, sid uint64) (WavePlan, error) {
	var p WavePlan
	b, err := st.Setting(wavesKey(sid))
	if err != nil {
		return p, fmt.Errorf("read waves: %w", err)
	}
	if b == nil {
		return p, nil
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return WavePlan{}, fmt.Errorf("read waves: %w", err)
	}
	return p, nil
}

// SaveWaves stores survey sid's wave plan, its waves in date order.
func SaveWaves(st SettingStore, sid uint64, p WavePlan) error {
	sort.SliceStable(p.Waves, func(i, j int) bool { return p.Waves[i].From < p.Waves[j].From })
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save waves: %w", err)
	}
	if err := st.SetSetting(wavesKey(sid), b); err != nil {
		return fmt.Errorf("save waves: %w", err)
	}
	return nil
}

// RecordPrinted adds a batch of printed forms to survey sid's plan: the
// window's and the command line's print commands call it once the PDF is
// written.
func RecordPrinted(st SettingStore, sid uint64, b PrintBatch) error {
	p, err := LoadWaves(st, sid)
	if err != nil {
		return err
	}
	p.Printed = append(p.Printed, b)
	return SaveWaves(st, sid, p)
}

// Validate checks a wave typed by the user against the plan's other
// waves (other, which must not overlap it).
func (w Wave) Validate(other []Wave) error {
	lang := keys // the problems carry keys, rendered later by InputProblem.Text
	switch {
	case strings.TrimSpace(w.Name) == "":
		return &InputProblem{Field: "name", Key: lang.L("Name the wave, e.g. Spring 2026.")}
	case w.From == 0:
		return &InputProblem{Field: "from", Key: lang.L("From: type a date as YYYY-MM-DD.")}
	case w.To == 0:
		return &InputProblem{Field: "to", Key: lang.L("To: type a date as YYYY-MM-DD.")}
	case w.To < w.From:
		return &InputProblem{Field: "to", Key: lang.L("The wave must end on or after its first day.")}
	}
	for _, o := range other {
		if w.From <= o.To && o.From <= w.To {
			return &InputProblem{Field: "from", Key: lang.L("The wave overlaps {{.Name}}."), Args: map[string]any{"Name": o.Name}}
		}
	}
	return nil
}

// NextDue is the day the next wave is due: RepeatMonths after the last
// wave's end; ok is false without waves.
func (p WavePlan) NextDue() (data.Day, bool) {
	if len(p.Waves) == 0 {
		return 0, false
	}
	last := p.Waves[0].To
	for _, w := range p.Waves {
		last = max(last, w.To)
	}
	return data.DayOf(last.Date(time.UTC).AddDate(0, p.Repeat(), 0)), true
}

// DueSoonDays is how early the reminder of the next wave shows.
const DueSoonDays = 30

// Reminder says whether to remind about the next wave today: it is due
// within DueSoonDays or overdue, and no wave runs or starts later. due is
// its day.
func (p WavePlan) Reminder(today data.Day) (due data.Day, show bool) {
	due, ok := p.NextDue()
	if !ok {
		return 0, false
	}
	for _, w := range p.Waves {
		if w.To >= today {
			return due, false // a wave runs or is planned
		}
	}
	return due, today+DueSoonDays >= due
}

// BatchesOf returns the batches of wave i: printed after the previous
// wave ended (any time before, for the first) and up to the wave's end.
func (p WavePlan) BatchesOf(i int) []PrintBatch {
	waves := append([]Wave(nil), p.Waves...)
	sort.SliceStable(waves, func(a, b int) bool { return waves[a].From < waves[b].From })
	if i < 0 || i >= len(waves) {
		return nil
	}
	var after data.Day
	if i > 0 {
		after = waves[i-1].To + 1
	}
	var out []PrintBatch
	for _, b := range p.Printed {
		if b.Day >= after && b.Day <= waves[i].To {
			out = append(out, b)
		}
	}
	return out
}

// Rate is a response rate: forms returned ÷ forms printed.
type Rate struct {
	Returned, Printed int
}

// Percent is the rate in percent (NaN with nothing printed).
func (r Rate) Percent() float64 {
	if r.Printed == 0 {
		return math.NaN()
	}
	return float64(r.Returned) / float64(r.Printed) * 100
}

// ResponseRate counts the distinct form numbers of forms (the survey's
// responses' form numbers) that belong to one of the batches, against the
// forms the batches printed.
func ResponseRate(batches []PrintBatch, forms []string) Rate {
	var r Rate
	for _, b := range batches {
		r.Printed += b.Count
	}
	seen := map[string]bool{}
	for _, f := range forms {
		f = strings.TrimSpace(f)
		if f == "" || seen[f] {
			continue
		}
		for _, b := range batches {
			if b.Holds(f) {
				seen[f] = true
				r.Returned++
				break
			}
		}
	}
	return r
}

// Lag is how long paper forms waited between collection and entry.
type Lag struct {
	N           int
	Median, P90 float64 // days; NaN when N == 0
}

// LagOf summarises entry lags in days (entered − collected); negative
// lags (a clock or date typed wrong) count as 0.
func LagOf(days []float64) Lag {
	l := Lag{N: len(days), Median: math.NaN(), P90: math.NaN()}
	if len(days) == 0 {
		return l
	}
	s := append([]float64(nil), days...)
	for i := range s {
		s[i] = math.Max(0, s[i])
	}
	sort.Float64s(s)
	l.Median, l.P90 = quantile(s, 0.5), quantile(s, 0.9)
	return l
}

// quantile is the q-quantile of sorted s by linear interpolation
// (Hyndman–Fan type 7, as spreadsheets compute it).
func quantile(s []float64, q float64) float64 {
	pos := q * float64(len(s)-1)
	i := int(math.Floor(pos))
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}

// LagDays is the entry lag of a response in days, and whether it counts:
// only paper responses typed in later (channel "paper" with both times).
func LagDays(r data.Response) (float64, bool) {
	if r.Channel != "paper" || r.CollectedAt.IsZero() || r.EnteredAt.IsZero() {
		return 0, false
	}
	return r.EnteredAt.Sub(r.CollectedAt).Hours() / 24, true
}

// WaveStats are the figures of one wave.
type WaveStats struct {
	Wave      Wave
	Responses int
	Rate      Rate
	Lag       Lag
}

// ResponseSource lists a survey's responses collected from..to; the store
// satisfies it.
type ResponseSource interface {
	EachResponse(surveyID uint64, from, to data.Day, fn func(data.Response) error) error
}

// FormSource lists the form numbers of a survey's responses; the store
// satisfies it.
type FormSource interface {
	FormNumbers(surveyID uint64) ([]string, error)
}

// WavesStats computes every wave's responses, response rate (forms of the
// wave's batches returned, whenever collected) and paper entry lag.
func WavesStats(rs ResponseSource, fs FormSource, sid uint64, p WavePlan) ([]WaveStats, error) {
	forms, err := fs.FormNumbers(sid)
	if err != nil {
		return nil, fmt.Errorf("wave figures: %w", err)
	}
	waves := append([]Wave(nil), p.Waves...)
	sort.SliceStable(waves, func(a, b int) bool { return waves[a].From < waves[b].From })
	p.Waves = waves
	out := make([]WaveStats, len(waves))
	for i, w := range waves {
		ws := WaveStats{Wave: w, Rate: ResponseRate(p.BatchesOf(i), forms)}
		var lags []float64
		err := rs.EachResponse(sid, w.From, w.To, func(r data.Response) error {
			ws.Responses++
			if d, ok := LagDays(r); ok {
				lags = append(lags, d)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("wave %q: %w", w.Name, err)
		}
		ws.Lag = LagOf(lags)
		out[i] = ws
	}
	return out, nil
}
