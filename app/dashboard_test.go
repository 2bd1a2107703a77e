package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"csatdesk/app/cli"
	"csatdesk/charts"
	"csatdesk/data"
	"csatdesk/data/insight"
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
		{"last 12 months, all satisfaction questions", 2, 0, 0},
		{"last 12 months, the main question", 2, 0, 1},
		{"last 30 days, all responses", 0, 0, 1},
		{"last 12 months, first segment", 2, 1, 1},
		{"this quarter, second question", 3, 0, 2},
		{"all time, second question", 4, 0, 2},
		{"last 3 months, last segment, all satisfaction questions", 1, len(d.segments) - 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d.rangeSel.SetSelectedIndex(c.rangeIdx)
			d.segmentSel.SetSelectedIndex(c.segment)
			d.questionSel.SetSelectedIndex(c.question)
			qs := d.choices[c.question].Questions
			from, to := d.selectedRange()
			var parts []data.CSAT
			var n uint64
			for _, q := range qs {
				h, responses := recount(rs, q, d.segments[c.segment], from, to)
				parts, n = append(parts, data.CSATOf(h, q.SatisfiedFrom)), responses
			}
			want := data.CombineCSAT(parts...)
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

func TestCustomDatesShowTheChosenRange(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	d := u.dash
	d.rangeSel.SetSelectedIndex(5) // custom
	if !d.customDates.Visible() {
		t.Fatal("custom dates should show their fields")
	}
	d.fromDate.SetText("2026-03-01")
	d.toDate.SetText("2026-03-31")
	d.refresh()
	if d.kpis.From.String() != "2026-03-01" || d.kpis.To.String() != "2026-03-31" {
		t.Fatalf("figures cover %s–%s", d.kpis.From, d.kpis.To)
	}
	d.rangeSel.SetSelectedIndex(2)
	if d.customDates.Visible() {
		t.Error("a preset hides the custom fields")
	}
}

func TestASurveyWithoutScoresClearsTheFiguresOfThePreviousOne(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	text := data.Survey{Name: "Comments only"}
	text.AddQuestion(data.NewQuestion(data.KindText, "Tell us anything", 0))
	if err := st.CreateSurvey(&text); err != nil {
		t.Fatal(err)
	}
	u.reload()
	d := u.dash
	if d.csat.value.Text == "–" {
		t.Fatal("the sample survey should show figures first")
	}
	d.surveySel.SetSelected("Comments only")
	if d.csat.value.Text != "–" || d.responses.value.Text != "–" || d.charts.img.Image != nil || d.note.Text == "" {
		t.Errorf("a text-only survey shows CSAT %q, responses %q, a chart: %v, note %q",
			d.csat.value.Text, d.responses.value.Text, d.charts.img.Image != nil, d.note.Text)
	}
}

func TestTheDashboardKeepsItsSurveyWhenSurveysChange(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	other := data.Survey{Name: "Another"}
	other.AddQuestion(data.NewQuestion(data.KindRating, "How was it?", 5))
	if err := st.CreateSurvey(&other); err != nil {
		t.Fatal(err)
	}
	u.reload()
	d := u.dash
	d.surveySel.SetSelected("Another")
	third := data.Survey{Name: "A third one"}
	third.AddQuestion(data.NewQuestion(data.KindRating, "Fine?", 5))
	if err := st.CreateSurvey(&third); err != nil {
		t.Fatal(err)
	}
	u.reload()
	if d.survey == nil || d.survey.ID != other.ID || d.surveySel.Selected != "Another" {
		t.Fatalf("after another survey was added the dashboard shows %q (%+v), want Another", d.surveySel.Selected, d.survey)
	}
}

// storeRevised stores a survey whose main question changed scale (1–5 to
// 1–10) after answers from January to June 2026, as the designer does it,
// with answers to its replacement from July to October; every month has
// 10 answers to it, 7 satisfied, and 10 answers to a food question, all
// satisfied.
func storeRevised(t *testing.T, st interface {
	CreateSurvey(*data.Survey) error
	SaveSurvey(*data.Survey) error
	AddResponses([]data.Response) error
}) {
	t.Helper()
	sv := data.Survey{Name: "Revised"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied were you?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How was the food?", 5))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add := func(first, last time.Month, qid uint32, answers []int) {
		var rs []data.Response
		for m := first; m <= last; m++ {
			for i, v := range answers {
				rs = append(rs, data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2026, m, 10+i, 12, 0, 0, 0, time.Local),
					Answers: map[uint32]int{qid: v, 2: 5}})
			}
		}
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
	}
	add(1, 6, 1, []int{5, 5, 5, 4, 4, 4, 3, 2, 1, 5})
	old := sv.Questions[0]
	old.Retired = true
	nq := data.NewQuestion(data.KindRating, "How satisfied were you?", 10)
	nq.SinceVersion = 2
	id := sv.AddQuestion(nq)
	sv.Questions = []data.Question{sv.Questions[2], sv.Questions[1], old}
	sv.Version = 2
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add(7, 10, id, []int{10, 9, 8, 8, 7, 6, 10, 9, 3, 8})
}

func TestTheDashboardShowsTheHistoryOfARetiredQuestion(t *testing.T) {
	u, st := newTestUI(t)
	storeRevised(t, st)
	u.reload()
	d := u.dash
	if d.questionSel.Selected != "How satisfied were you?" {
		t.Fatalf("the default question is %q", d.questionSel.Selected)
	}
	d.rangeSel.SetSelectedIndex(5) // custom
	d.fromDate.SetText("2026-01-01")
	d.toDate.SetText("2026-06-30")
	cases := []struct {
		name     string
		question string
		n, sat   uint64
	}{
		{"the main question before its scale changed", "How satisfied were you?", 60, 42},
		{"all satisfaction questions, the retired one included", "All satisfaction questions", 120, 102},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d.questionSel.SetSelected(c.question)
			d.refresh()
			if d.kpis.CSAT.N != c.n || d.kpis.CSAT.Satisfied != c.sat {
				t.Errorf("%d of %d satisfied, want %d of %d", d.kpis.CSAT.Satisfied, d.kpis.CSAT.N, c.sat, c.n)
			}
			if want := fmtPercent(float64(c.sat) / float64(c.n) * 100); d.csat.value.Text != want {
				t.Errorf("the CSAT card shows %q, want %q", d.csat.value.Text, want)
			}
			if d.charts.img.Image == nil {
				t.Errorf("no chart: %q", d.charts.msg.Text)
			}
		})
	}
}

// "Export all charts" writes one PNG per chart into the folder, as a job.
func TestExportAllChartsWritesEveryChart(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	q, ok := u.dash.charts.query()
	if !ok {
		t.Fatal("no chart query on the sample")
	}
	dir := t.TempDir()
	u.dash.charts.exportAll(dir, q, charts.SizeScreen)
	for _, k := range insight.Charts {
		if fi, err := os.Stat(filepath.Join(dir, k.FileName())); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", k.FileName(), err)
		}
	}
}

// In a short window the cards are compact (detail and status on one line)
// and "More details" shows them in full; in a tall one they are in full
// from the start, with no button.
func TestDashboardCardsAreCompactOnlyWhenShort(t *testing.T) {
	u, _ := screenUI(t, "en_US.UTF-8", true)
	u.tabs.SelectIndex(tabDashboard)
	d := u.dash
	at(t, u, "the dashboard", fyne.NewSize(1000, 532))
	if !d.compact() || !d.detailsBtn.Visible() || d.csat.status.Visible() {
		t.Fatalf("at 1000×532: compact %v, More details shown %v, status shown %v", d.compact(), d.detailsBtn.Visible(), d.csat.status.Visible())
	}
	if !strings.Contains(d.csat.detail.Text, "·") || strings.Contains(d.csat.detail.Text, "\n") {
		t.Errorf("the compact CSAT card's one line is %q: want the detail and status on one line", d.csat.detail.Text)
	}
	test.Tap(d.detailsBtn)
	relayoutAll(u.win.Content())
	if d.compact() || !d.csat.status.Visible() || d.detailsBtn.Text != "Fewer details" {
		t.Errorf("after More details: compact %v, status shown %v, button %q", d.compact(), d.csat.status.Visible(), d.detailsBtn.Text)
	}
	test.Tap(d.detailsBtn)
	at(t, u, "the dashboard", fyne.NewSize(1920, 1050))
	if d.compact() || d.detailsBtn.Visible() || !d.note.Visible() {
		t.Errorf("at 1920×1050: compact %v, More details shown %v, note shown %v", d.compact(), d.detailsBtn.Visible(), d.note.Visible())
	}
}
