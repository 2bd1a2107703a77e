package data

import (
	"testing"
	"time"
)

func TestDayOfUsesTheCivilDateOfTheRecordedZone(t *testing.T) {
	riga := time.FixedZone("EET", 2*3600)
	cases := []struct {
		name string
		t    time.Time
		want string
	}{
		{"UTC noon", time.Date(2025, 9, 1, 12, 0, 0, 0, time.UTC), "2025-09-01"},
		{"late evening in Riga stays that day", time.Date(2025, 9, 1, 23, 30, 0, 0, riga), "2025-09-01"},
		{"just after midnight in Riga", time.Date(2025, 9, 2, 0, 10, 0, 0, riga), "2025-09-02"},
		{"leap day", time.Date(2024, 2, 29, 8, 0, 0, 0, time.UTC), "2024-02-29"},
	}
	for _, c := range cases {
		if got := DayOf(c.t).String(); got != c.want {
			t.Errorf("%s: DayOf = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestPeriodStartsAndLabels(t *testing.T) {
	d := DayFromDate(2025, time.September, 3) // a Wednesday
	cases := []struct {
		p           Period
		start, next string
		label       string
	}{
		{PeriodDay, "2025-09-03", "2025-09-04", "2025-09-03"},
		{PeriodWeek, "2025-09-01", "2025-09-08", "2025-W36"},
		{PeriodMonth, "2025-09-01", "2025-10-01", "2025-09"},
		{PeriodQuarter, "2025-07-01", "2025-10-01", "2025-Q3"},
		{PeriodYear, "2025-01-01", "2026-01-01", "2025"},
	}
	for _, c := range cases {
		s := c.p.Start(d)
		if s.String() != c.start || c.p.Next(s).String() != c.next || c.p.Label(s) != c.label {
			t.Errorf("%s: start %s next %s label %s, want %s %s %s", c.p, s, c.p.Next(s), c.p.Label(s), c.start, c.next, c.label)
		}
	}
}

func TestISOWeekAcrossNewYear(t *testing.T) {
	d := DayFromDate(2027, time.January, 1) // Friday: ISO week 53 of 2026
	s := PeriodWeek.Start(d)
	if s.String() != "2026-12-28" || PeriodWeek.Label(s) != "2026-W53" {
		t.Errorf("week of 2027-01-01 starts %s (%s), want 2026-12-28 (2026-W53)", s, PeriodWeek.Label(s))
	}
}

func TestBucketizeKeepsEmptyPeriodsAndSumsDays(t *testing.T) {
	days := []DayHist{
		{DayFromDate(2025, 1, 5), hist(5, 2)},
		{DayFromDate(2025, 1, 20), hist(1, 1, 4, 1)},
		{DayFromDate(2025, 3, 2), hist(5, 4)},
	}
	b := Bucketize(days, PeriodMonth, DayFromDate(2025, 1, 1), DayFromDate(2025, 3, 31))
	if len(b) != 3 {
		t.Fatalf("got %d buckets, want 3", len(b))
	}
	if b[0].Hist.N() != 4 || b[1].Hist.N() != 0 || b[2].Hist.N() != 4 {
		t.Errorf("bucket sizes %d %d %d, want 4 0 4", b[0].Hist.N(), b[1].Hist.N(), b[2].Hist.N())
	}
	tr := CSATTrend(b, 4)
	if !near(tr[0].Value, 75, 1e-9) || tr[1].Valid() || !near(tr[2].Value, 100, 1e-9) {
		t.Errorf("trend %+v", tr)
	}
}

func TestBucketizeIgnoresDaysOutsideTheRange(t *testing.T) {
	days := []DayHist{
		{DayFromDate(2024, 12, 31), hist(1, 9)},
		{DayFromDate(2025, 1, 2), hist(5, 1)},
	}
	b := Bucketize(days, PeriodYear, DayFromDate(2025, 1, 1), DayFromDate(2025, 12, 31))
	if len(b) != 1 || b[0].Hist.N() != 1 {
		t.Fatalf("got %+v", b)
	}
}
