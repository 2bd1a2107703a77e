package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// importedScale is a rating question as the importer makes one from a
// numeric column: no labels, satisfied from the scale's default cut-off.
func importedScale(text string, points int) data.Question {
	q := data.NewQuestion(data.KindRating, text, points)
	q.Labels = nil
	return q
}

// TestScale4And6InTheDesigner: imported 1–4 and 1–6 questions show as
// such (with the top two points satisfied), and a question can be turned
// into either.
func TestScale4And6InTheDesigner(t *testing.T) {
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Imported", Language: "en"}
	sv.AddQuestion(importedScale("How satisfied are you? (1-4)", 4))
	sv.AddQuestion(importedScale("How satisfied are you? (1-6)", 6))
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	_, d := openDesigner(t, u, sv.ID)
	for i, c := range []struct {
		kind   string
		cutoff int
	}{{"Satisfaction 1–4", 3}, {"Satisfaction 1–6", 5}} {
		d.list.Select(i)
		if d.kind.Selected != c.kind {
			t.Errorf("question %d shows as %q, want %q", i+1, d.kind.Selected, c.kind)
		}
		if got := d.cutoff.SelectedIndex() + 1; got != c.cutoff {
			t.Errorf("question %d: the cut-off shows %d, want %d", i+1, got, c.cutoff)
		}
	}
	d.list.Select(2)
	for _, c := range []struct {
		kind        string
		max, cutoff int
	}{{"Satisfaction 1–4", 4, 3}, {"Satisfaction 1–6", 6, 5}} {
		d.kind.SetSelected(c.kind)
		q := d.qs[2]
		if q.Max != c.max || q.SatisfiedFrom != c.cutoff || strings.Join(q.Labels, "|") != strings.Join(bank.Labels("en", bank.PresetWords, c.max), "|") {
			t.Errorf("%s: 1–%d satisfied from %d, labels %q", c.kind, q.Max, q.SatisfiedFrom, q.Labels)
		}
	}
	if q := d.qs[2]; q.Validate(3) != nil {
		err := q.Validate(3)
		t.Fatal(err)
	}
}

// TestScale4And6InEntry: one key per answer on 1–4 and 1–6 scales, and a
// digit past the top is refused with a hint, not taken.
func TestScale4And6InEntry(t *testing.T) {
	u, st := newTestUI(t)
	sv := entrySurvey(t, st, importedScale("Four", 4), importedScale("Six", 6))
	k := openEntry(t, u)
	k.typ("5")
	if h := u.entry.form.hints[sv.Questions[0].ID].Text; !strings.Contains(h, "not on the 1–4 scale") {
		t.Errorf("5 on a 1–4 scale: the hint says %q", h)
	}
	k.typ("4")
	k.typ("7")
	if h := u.entry.form.hints[sv.Questions[1].ID].Text; !strings.Contains(h, "not on the 1–6 scale") {
		t.Errorf("7 on a 1–6 scale: the hint says %q", h)
	}
	k.typ("6")
	k.key(fyne.KeyReturn)
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 || rs[0].Answers[sv.Questions[0].ID] != 4 || rs[0].Answers[sv.Questions[1].ID] != 6 {
		t.Fatalf("stored %+v, want 4 and 6", rs)
	}
	if k.n != 5 {
		t.Errorf("%d keys, want 5 (two refused digits, two answers, Enter)", k.n)
	}
}

// TestScale4And6OnTheDashboard: a 1–4 main question's mean says "on a
// 1–4 scale", CSAT counts 3–4, and its distribution chart is drawn.
func TestScale4And6OnTheDashboard(t *testing.T) {
	for _, c := range []struct {
		points  int
		answers []int
		sat     uint64
	}{
		{4, []int{1, 2, 3, 4, 4, 3, 2, 4}, 5},
		{6, []int{1, 2, 3, 4, 5, 6, 6, 5}, 4},
	} {
		u, st := newTestUI(t)
		sv := data.Survey{Name: "Scale"}
		sv.AddQuestion(importedScale("How satisfied are you?", c.points))
		if err := st.CreateSurvey(&sv); err != nil {
			t.Fatal(err)
		}
		var rs []data.Response
		for i, v := range c.answers {
			rs = append(rs, data.Response{SurveyID: sv.ID, CollectedAt: testNow.Add(-time.Duration(i+1) * time.Hour), Answers: map[uint32]int{1: v}})
		}
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
		u.reload()
		d := u.dash
		d.refresh()
		if d.kpis.CSAT.N != uint64(len(c.answers)) || d.kpis.CSAT.Satisfied != c.sat {
			t.Errorf("1–%d: %d of %d satisfied, want %d of %d", c.points, d.kpis.CSAT.Satisfied, d.kpis.CSAT.N, c.sat, len(c.answers))
		}
		if want := "on a 1–" + string(rune('0'+c.points)) + " scale"; d.mean.detail.Text != want {
			t.Errorf("the mean says %q, want %q", d.mean.detail.Text, want)
		}
		d.charts.kind.SetSelectedIndex(1) // the distribution
		if d.charts.img.Image == nil {
			t.Errorf("1–%d: no distribution chart: %q", c.points, d.charts.msg.Text)
		}
	}
}
