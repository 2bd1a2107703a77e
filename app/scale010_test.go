package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// TestZeroToTenSatisfactionInTheDesigner: the designer offers "Satisfaction
// 0–10", finds an imported 0–10 satisfaction question as such (satisfied
// from 9), and turns a question into one with its end words.
func TestZeroToTenSatisfactionInTheDesigner(t *testing.T) {
	if !slices.Contains(kindLabels(), "Satisfaction 0–10") {
		t.Fatalf("kinds offered: %q", kindLabels())
	}
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Imported", Language: "en"}
	sv.AddQuestion(importedScale("How satisfied are you? (0-10)", 11))
	sv.AddQuestion(importedScale("How satisfied are you? (1-10)", 10))
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	_, d := openDesigner(t, u, sv.ID)
	for i, c := range []struct {
		kind   string
		cutoff int
	}{{"Satisfaction 0–10", 9}, {"Satisfaction 1–10", 8}} {
		d.list.Select(i)
		if d.kind.Selected != c.kind {
			t.Errorf("question %d shows as %q, want %q", i+1, d.kind.Selected, c.kind)
		}
		if got := d.qs[i].Min + d.cutoff.SelectedIndex(); got != c.cutoff {
			t.Errorf("question %d: the cut-off shows %d, want %d", i+1, got, c.cutoff)
		}
	}
	d.list.Select(2)
	d.kind.SetSelected("Satisfaction 0–10")
	q := d.qs[2]
	if q.Kind != data.KindRating || q.Min != 0 || q.Max != 10 || q.SatisfiedFrom != 9 {
		t.Fatalf("turned into %v %d–%d satisfied from %d, want rating 0–10 from 9", q.Kind, q.Min, q.Max, q.SatisfiedFrom)
	}
	if !slices.Equal(q.Labels, bank.Labels("en", bank.PresetWords, 11)) || q.Label(0) != "Not at all satisfied" {
		t.Errorf("labels %q", q.Labels)
	}
	if err := q.Validate(3); err != nil {
		t.Fatal(err)
	}
	d.list.Select(1)
	if d.list.Select(2); d.kind.Selected != "Satisfaction 0–10" {
		t.Errorf("back on the question, it shows as %q", d.kind.Selected)
	}
}

// TestZeroToTenSatisfactionInEntry: on a 0–10 satisfaction question a 1
// waits, as on an NPS question, so "1", a pause, "0" stores 10; a 0 is an
// answer.
func TestZeroToTenSatisfactionInEntry(t *testing.T) {
	u, st := newTestUI(t)
	sv := entrySurvey(t, st, importedScale("Satisfied?", 11), importedScale("Also satisfied?", 11), data.NewQuestion(data.KindRating, "Overall", 5))
	k := openEntry(t, u)
	first := u.entry.form.fields[sv.Questions[0].ID]
	k.typ("1")
	time.Sleep(1200 * time.Millisecond)
	if k.c.Focused() != first {
		t.Fatalf("after a pause the cursor left the 0–10 field for %T", k.c.Focused())
	}
	k.typ("0")
	k.typ("0")
	k.typ("4")
	k.ctrl(fyne.KeyReturn)
	r := onlyResponse(t, st, sv)
	want := []int{10, 0, 4}
	for i, w := range want {
		if got, ok := r.Answers[sv.Questions[i].ID]; !ok || got != w {
			t.Errorf("question %d stored as %d (%v), want %d", i+1, got, ok, w)
		}
	}
}

// TestZeroToTenSatisfactionOnTheDashboard: the mean says "on a 0–10
// scale", the CSAT caption "satisfied = 9–10", and 0 counts as an answer.
func TestZeroToTenSatisfactionOnTheDashboard(t *testing.T) {
	u, st := newTestUI(t)
	sv := data.Survey{Name: "Scale"}
	sv.AddQuestion(importedScale("How satisfied are you?", 11))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	answers := []int{0, 0, 5, 8, 9, 10}
	var rs []data.Response
	for i, v := range answers {
		rs = append(rs, data.Response{SurveyID: sv.ID, CollectedAt: testNow.Add(-time.Duration(i+1) * time.Hour), Answers: map[uint32]int{1: v}})
	}
	if err := st.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	u.reload()
	d := u.dash
	d.refresh()
	if d.kpis.CSAT.N != 6 || d.kpis.CSAT.Satisfied != 2 {
		t.Errorf("%d of %d satisfied, want 2 of 6", d.kpis.CSAT.Satisfied, d.kpis.CSAT.N)
	}
	if want := "on a 0–10 scale"; d.mean.detail.Text != want {
		t.Errorf("the mean says %q, want %q", d.mean.detail.Text, want)
	}
	if want := "satisfied = 9–10"; !strings.Contains(d.csat.caption.Text, want) {
		t.Errorf("the CSAT caption says %q, want %q", d.csat.caption.Text, want)
	}
	d.charts.kind.SetSelectedIndex(1) // the distribution
	if d.charts.img.Image == nil {
		t.Errorf("no distribution chart: %q", d.charts.msg.Text)
	}
}

// TestScaleHintNamesEachNumberOnce: the key hint of a 0–10 satisfaction
// question with word labels reads "0 Not at all satisfied · 1 · … · 10
// Completely satisfied", not "1 1".
func TestScaleHintNamesEachNumberOnce(t *testing.T) {
	q := data.NewQuestion(data.KindRating, "Q", 11)
	q.Labels = bank.Labels("en", bank.PresetWords, 11)
	h := scaleHint(q)
	if !strings.HasPrefix(h, "0 Not at all satisfied · 1 · 2 · ") || !strings.HasSuffix(h, " · 9 · 10 Completely satisfied") {
		t.Errorf("hint %q", h)
	}
}
