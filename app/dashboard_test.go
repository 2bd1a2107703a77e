package app

import (
	"fmt"
	"testing"

	"csatdesk/app/cli"
	"csatdesk/data"
)

// recount computes the figures of question q straight from the stored
// responses, independently of the rollups the dashboard reads.
func recount(rs []data.Response, q data.Question, seg data.Segment, from, to data.Day) (h data.Histogram, responses uint64) {
	for _, r := range rs {
		d := r.Day()
		if d < from || d > to {
			continue
		}
		if !seg.All() {
			in := false
			for _, s := range r.Segments() {
				in = in || s == seg
			}
			if !in {
				continue
			}
		}
		responses++
		if v, ok := r.Answers[q.ID]; ok {
			h.Add(v)
		}
	}
	return h, responses
}

func TestDashboardOffersTheSampleOnAnEmptyDatabase(t *testing.T) {
	u, st := newTestUI(t)
	if u.dash.body.Objects[0] != u.dash.welcome {
		t.Fatal("an empty database should show the welcome panel")
	}
	u.dash.onCreateSample()
	svs, _ := st.Surveys()
	if len(svs) != 1 {
		t.Fatalf("after creating the sample there are %d surveys, want 1", len(svs))
	}
	if u.dash.body.Objects[0] != u.dash.figures {
		t.Fatal("with a survey the dashboard should show its figures")
	}
}

func TestDashboardFiguresAgreeWithARecountOfStoredResponses(t *testing.T) {
	u, st := newTestUI(t)
	sv, _, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.reload()
	rs := allResponses(t, st, sv.ID)
	d := u.dash
	cases := []struct {
		name     string
		rangeIdx int
		segment  int
		question int
	}{
		{"last 12 months, all responses", 2, 0, 0},
		{"last 30 days, all responses", 0, 0, 0},
		{"last 12 months, first segment", 2, 1, 0},
		{"all time, second question", 3, 0, 1},
		{"last 3 months, last segment", 1, len(d.segments) - 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d.rangeSel.SetSelectedIndex(c.rangeIdx)
			d.segmentSel.SetSelectedIndex(c.segment)
			d.questionSel.SetSelectedIndex(c.question)
			q := d.questions[c.question]
			from, to := d.selectedRange()
			h, n := recount(rs, q, d.segments[c.segment], from, to)
			want := data.CSATOf(h, q.SatisfiedFrom)
			got := d.kpis
			if got.Responses != n || got.CSAT.N != want.N || got.CSAT.Satisfied != want.Satisfied {
				t.Fatalf("dashboard: %d responses, %d/%d satisfied; recount: %d responses, %d/%d", got.Responses, got.CSAT.Satisfied, got.CSAT.N, n, want.Satisfied, want.N)
			}
			if shown, w := d.csat.value.Text, fmtPercent(want.Percent); shown != w {
				t.Errorf("CSAT card shows %q, want %q", shown, w)
			}
			if shown := d.responses.value.Text; shown != fmt.Sprint(n) {
				t.Errorf("responses card shows %q, want %d", shown, n)
			}
		})
	}
}
