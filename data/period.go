package data

import (
	"fmt"
	"math"
	"time"
)

// Day is a civil date as the number of days since 1970-01-01. It is the
// unit of the stored rollups: a response counts on the date written on its
// form, whatever the time zone of the machine that reads it later.
type Day uint32

// DayOf returns the civil date of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	days := u.Unix() / 86400
	if days < 0 {
		return 0
	}
	return Day(days)
}

// DayFromDate returns the Day of a calendar date.
func DayFromDate(y int, m time.Month, d int) Day {
	return DayOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// Date returns the day as midnight in loc.
func (d Day) Date(loc *time.Location) time.Time {
	u := time.Unix(int64(d)*86400, 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, loc)
}

// String formats the day as 2006-01-02.
func (d Day) String() string { return d.Date(time.UTC).Format("2006-01-02") }

// Period is a calendar period for trends.
type Period string

// The periods.
const (
	PeriodDay     Period = "day"
	PeriodWeek    Period = "week" // ISO week, Monday first
	PeriodMonth   Period = "month"
	PeriodQuarter Period = "quarter"
	PeriodYear    Period = "year"
)

// Periods lists the periods from shortest to longest.
var Periods = []Period{PeriodDay, PeriodWeek, PeriodMonth, PeriodQuarter, PeriodYear}

// ParsePeriod accepts the names of Periods.
func ParsePeriod(s string) (Period, error) {
	for _, p := range Periods {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown period %q: use day, week, month, quarter or year", s)
}

// Start returns the first day of the period that contains d.
func (p Period) Start(d Day) Day {
	t := d.Date(time.UTC)
	switch p {
	case PeriodWeek:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return d - Day(wd)
	case PeriodMonth:
		return DayFromDate(t.Year(), t.Month(), 1)
	case PeriodQuarter:
		m := time.Month((int(t.Month())-1)/3*3 + 1)
		return DayFromDate(t.Year(), m, 1)
	case PeriodYear:
		return DayFromDate(t.Year(), time.January, 1)
	}
	return d
}

// Next returns the first day of the period after the one starting at start.
func (p Period) Next(start Day) Day {
	t := start.Date(time.UTC)
	switch p {
	case PeriodWeek:
		return start + 7
	case PeriodMonth:
		return DayOf(t.AddDate(0, 1, 0))
	case PeriodQuarter:
		return DayOf(t.AddDate(0, 3, 0))
	case PeriodYear:
		return DayOf(t.AddDate(1, 0, 0))
	}
	return start + 1
}

// Label names the period starting at start: "2025-09-01", "2025-W36",
// "2025-09", "2025-Q3", "2025".
func (p Period) Label(start Day) string {
	t := start.Date(time.UTC)
	switch p {
	case PeriodWeek:
		y, w := t.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case PeriodMonth:
		return t.Format("2006-01")
	case PeriodQuarter:
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	case PeriodYear:
		return t.Format("2006")
	}
	return t.Format("2006-01-02")
}

// DayHist is the histogram of one day.
type DayHist struct {
	Day  Day
	Hist Histogram
}

// Bucket is the histogram of one period.
type Bucket struct {
	Start, End Day // End is exclusive
	Label      string
	Hist       Histogram
}

// Bucketize groups day histograms (sorted by day) into consecutive periods
// covering from..to inclusive; periods with no answers are kept, with an
// empty histogram, so a trend shows gaps honestly.
func Bucketize(days []DayHist, p Period, from, to Day) []Bucket {
	if to < from {
		return nil
	}
	var out []Bucket
	i := 0
	for s := p.Start(from); s <= to; s = p.Next(s) {
		b := Bucket{Start: s, End: p.Next(s), Label: p.Label(s)}
		for i < len(days) && days[i].Day < b.End {
			if days[i].Day >= s && days[i].Day >= from && days[i].Day <= to {
				b.Hist.Merge(days[i].Hist)
			}
			i++
		}
		out = append(out, b)
	}
	return out
}

// Sum merges every day histogram within from..to inclusive.
func Sum(days []DayHist, from, to Day) Histogram {
	var h Histogram
	for _, d := range days {
		if d.Day >= from && d.Day <= to {
			h.Merge(d.Hist)
		}
	}
	return h
}

// TrendPoint is one point of a CSAT trend.
type TrendPoint struct {
	Start, End Day
	Label      string
	N          uint64
	Value      float64 // CSAT %; NaN when N == 0
	Low, High  float64 // Wilson 95 % range in percent; NaN when N == 0

	satisfied uint64 // for combining questions
}

// CSATTrend turns period buckets into CSAT % points for the cut-off.
func CSATTrend(buckets []Bucket, cutoff int) []TrendPoint {
	out := make([]TrendPoint, len(buckets))
	for i, b := range buckets {
		c := CSATOf(b.Hist, cutoff)
		out[i] = TrendPoint{Start: b.Start, End: b.End, Label: b.Label, N: c.N, Value: c.Percent, Low: c.Low, High: c.High}
	}
	return out
}

// Valid reports whether the point has a value.
func (p TrendPoint) Valid() bool { return p.N > 0 && !math.IsNaN(p.Value) }
