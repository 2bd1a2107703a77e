package insight

import (
	"strings"
	"time"

	"csatdesk/data"
)

// Preset is a date-range choice of the dashboard.
type Preset struct {
	Label string
	// Days > 0: the last so many days up to today; otherwise one of the
	// kinds below.
	Days int
}

// The kinds of a Preset that are not a number of days.
const (
	AllTime     = 0
	ThisQuarter = -1
	CustomDates = -2
)

// DefaultPreset is the index in [Presets] of "Last 12 months".
const DefaultPreset = 2

// Presets lists the date ranges the dashboard offers, in order.
func Presets(lang Texts) []Preset {
	return []Preset{
		{lang.L("Last 30 days"), 30},
		{lang.L("Last 3 months"), 91},
		{lang.L("Last 12 months"), 365},
		{lang.L("This quarter"), ThisQuarter},
		{lang.L("All time"), AllTime},
		{lang.L("Custom dates…"), CustomDates},
	}
}

// Span is the first and last collection day of a survey's responses;
// ok is false when it has none (or they cannot be read).
type Span func() (first, last data.Day, ok bool)

// Range resolves the preset to days ending today. span is asked only for
// "All time"; from and to (YYYY-MM-DD) only for custom dates, which fall
// back to the last 12 months when they do not parse or are reversed.
func (p Preset) Range(today data.Day, span Span, from, to string) (data.Day, data.Day) {
	switch p.Days {
	case ThisQuarter:
		return data.PeriodQuarter.Start(today), today
	case CustomDates:
		f, err1 := time.Parse("2006-01-02", strings.TrimSpace(from))
		t, err2 := time.Parse("2006-01-02", strings.TrimSpace(to))
		if err1 != nil || err2 != nil || t.Before(f) {
			return Preset{Days: 365}.Range(today, span, "", "")
		}
		return data.DayOf(f), data.DayOf(t)
	case AllTime:
		first, last, ok := span()
		if !ok {
			return today, today
		}
		return first, max(last, today)
	}
	return today - data.Day(p.Days-1), today
}

// ChartRange is the command line's default range of a chart: the twelve
// months up to the last response, not before the first.
func ChartRange(first, last data.Day) (from, to data.Day) {
	return max(first, last-364), last
}
