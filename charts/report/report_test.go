package report_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/charts"
	"csatdesk/charts/report"
	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/sample"
	"csatdesk/data/store"
)

// sampleQuery stores the sample café and returns a query of its default
// question over its last year, with every segment.
func sampleQuery(t *testing.T) (*store.Store, insight.Query) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b := sample.Generate(sample.Options{Seed: 2, End: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)})
	sv := b.Survey
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	for i := range b.Responses {
		b.Responses[i].SurveyID = sv.ID
	}
	if err := st.AddResponses(b.Responses); err != nil {
		t.Fatal(err)
	}
	segs, err := st.Segments(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	choices, def := insight.Choices(insight.English, &sv)
	to := data.DayFromDate(2026, 11, 20)
	return st, insight.Query{Survey: sv, Choice: choices[def], Segments: append([]data.Segment{{}}, segs...),
		From: to - 364, To: to, Period: data.PeriodMonth, Compare: insight.CompareYearBefore,
		Settings: insight.Settings{Business: "Café", BandLow: 75, BandHigh: 85, Goal: 90}, Lang: insight.English}
}

func TestEveryChartOfTheSampleDrawsAtTheRequestedSize(t *testing.T) {
	st, q := sampleQuery(t)
	for _, c := range insight.Charts {
		t.Run(c.ID(), func(t *testing.T) {
			img, err := report.Draw(st, c, q, report.Options{Size: charts.SizeScreen, Locale: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != charts.SizeScreen.WidthPx || b.Dy() != charts.SizeScreen.HeightPx {
				t.Errorf("%v, want %dx%d", b, charts.SizeScreen.WidthPx, charts.SizeScreen.HeightPx)
			}
		})
	}
}

func TestChartsThatCannotBeDrawnSaySo(t *testing.T) {
	st, q := sampleQuery(t)
	all, _ := insight.Choices(insight.English, &q.Survey)
	cases := []struct {
		name  string
		chart insight.Chart
		edit  func(*insight.Query)
		want  string
	}{
		{"one day is too short for a monthly trend", insight.ChartTrend, func(q *insight.Query) { q.From = q.To }, "at least two periods"},
		{"all satisfaction questions have no distribution", insight.ChartDistribution, func(q *insight.Query) { q.Choice = all[0] }, "Pick one question"},
		{"a survey without NPS has no NPS chart", insight.ChartNPS, func(q *insight.Query) {
			var qs []data.Question
			for _, x := range q.Survey.Questions {
				if x.Kind != data.KindNPS {
					qs = append(qs, x)
				}
			}
			q.Survey.Questions = qs
		}, "no NPS question"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qq := q
			c.edit(&qq)
			_, err := report.Draw(st, c.chart, qq, report.Options{Size: charts.SizeScreen})
			if err == nil || !strings.Contains(report.ErrorText(insight.English, err), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
	if _, err := report.Draw(st, insight.ChartTrend, func() insight.Query { q.From = q.To; return q }(), report.Options{Size: charts.SizeScreen}); !errors.Is(err, charts.ErrNotEnoughData) {
		t.Errorf("a one-day trend gives %v, want ErrNotEnoughData", err)
	}
}

func TestACompactChartGivesThePlotTheRoomOfSubtitleAndFooter(t *testing.T) {
	st, q := sampleQuery(t)
	size := charts.Size{WidthPx: 1100, HeightPx: 320, DPI: 110}
	_, full, err := report.DrawMapped(st, insight.ChartTrend, q, report.Options{Size: size})
	if err != nil {
		t.Fatal(err)
	}
	_, compact, err := report.DrawMapped(st, insight.ChartTrend, q, report.Options{Size: size, Compact: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(full) == 0 || len(compact) != len(full) {
		t.Fatalf("%d and %d points on the maps", len(full), len(compact))
	}
	if h, hc := full[0].Area.Dy(), compact[0].Area.Dy(); hc < h+30 {
		t.Errorf("the compact plot is %d px high, the full one %d: want it clearly higher", hc, h)
	}
}
