package paperform

import (
	"bytes"
	"testing"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// TestFourAndSixPointScalesPrint: 1–4 and 1–6 questions print in every
// language, their words taking room under the circles.
func TestFourAndSixPointScalesPrint(t *testing.T) {
	for _, l := range bank.Languages {
		sv := data.Survey{Name: "Scales", Language: l.Code}
		for _, n := range []int{4, 6} {
			for _, p := range []bank.LabelPreset{bank.PresetWords, bank.PresetNumbers} {
				q := data.NewQuestion(data.KindRating, "How satisfied are you?", n)
				q.Labels = bank.Labels(l.Code, p, n)
				sv.AddQuestion(q)
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, sv, Options{Count: 1}); err != nil {
			t.Fatalf("%s: %v", l.Code, err)
		}
		if pages(buf.Bytes()) != 1 {
			t.Errorf("%s: want one page", l.Code)
		}
	}
	f := &form{}
	p, err := newPrinter(Options{}.pageSizeMust())
	if err != nil {
		t.Fatal(err)
	}
	f.p = p
	for _, n := range []int{4, 6} {
		q := data.NewQuestion(data.KindRating, "Q", n)
		q.Labels = bank.Labels("en", bank.PresetWords, n)
		words, _ := f.scale(q, 0, 400)
		q.Labels = nil
		bare, _ := f.scale(q, 0, 400)
		if words <= bare {
			t.Errorf("1–%d: the words take no room (%.1f vs %.1f without)", n, words, bare)
		}
	}
}

// TestZeroToTenSatisfactionPrints: a 0–10 satisfaction question prints
// eleven answer boxes, 0 to 10, as an NPS question does, with its end words,
// in every language.
func TestZeroToTenSatisfactionPrints(t *testing.T) {
	for _, l := range bank.Languages {
		sv := data.Survey{Name: "0–10", Language: l.Code}
		q := data.NewQuestion(data.KindRating, "How satisfied are you?", 11)
		q.Labels = bank.Labels(l.Code, bank.PresetWords, 11)
		sv.AddQuestion(q)
		var buf bytes.Buffer
		if err := Write(&buf, sv, Options{Count: 1}); err != nil {
			t.Fatalf("%s: %v", l.Code, err)
		}
	}
	p, err := newPrinter(Options{}.pageSizeMust())
	if err != nil {
		t.Fatal(err)
	}
	p.pdf.AddPage()
	f := &form{p: p}
	for _, k := range []data.Kind{data.KindRating, data.KindNPS} {
		q := data.NewQuestion(k, "Q", 11)
		q.Labels = bank.Labels("en", bank.PresetWords, 11)
		_, draw := f.scale(q, 0, 400)
		before := p.answers
		draw(100)
		if got := p.answers - before; got != 11 {
			t.Errorf("%s 0–10: %d answer boxes, want 11", k, got)
		}
		if q.Min != 0 || f.label(q, 0) == "" {
			t.Errorf("%s: scale from %d, label of 0 %q", k, q.Min, f.label(q, 0))
		}
	}
}
