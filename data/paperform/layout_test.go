package paperform

import (
	"errors"
	"testing"

	"csatdesk/data"
	"csatdesk/data/scan"
)

// TestTheLayoutHasEveryAnswerOnce: every question is on exactly one page
// with one box per answer (scale points, yes and no, each choice) in value
// order, open questions keep a writing space, and the date and the comment
// are recorded.
func TestTheLayoutHasEveryAnswerOnce(t *testing.T) {
	long := longSurvey(30)
	cases := []struct {
		name string
		sv   data.Survey
	}{
		{"every kind", mixedSurvey("en")},
		{"a template without a text question", template(t, "en", "after_purchase", "Acme")},
		{"a long survey", long},
		{"a revised survey with a retired question", revised()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := Layout(c.sv, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Validate(); err != nil {
				t.Fatal(err)
			}
			if l.Format != scan.LayoutFormat || l.SurveyID != c.sv.ID || l.SurveyVersion != c.sv.Version || l.Paper != "A4" || l.PageW < 209 || l.PageH < 296 {
				t.Errorf("header %+v", l)
			}
			seen := map[uint32]scan.QuestionBoxes{}
			hasText := false
			for pi, p := range l.Pages {
				if p.QR.W < 18 || p.QR.W != p.QR.H {
					t.Errorf("page %d: QR %+v, want a square of at least 18 mm", pi+1, p.QR)
				}
				for _, q := range p.Questions {
					if _, dup := seen[q.QuestionID]; dup {
						t.Errorf("question %d twice", q.QuestionID)
					}
					seen[q.QuestionID] = q
				}
				if (p.Date != scan.Rect{}) != (pi == 0) {
					t.Errorf("page %d: date %+v", pi+1, p.Date)
				}
			}
			for _, q := range c.sv.Questions {
				got, ok := seen[q.ID]
				if q.Retired {
					if ok {
						t.Errorf("retired question %d is printed", q.ID)
					}
					continue
				}
				if !ok {
					t.Errorf("question %d is not in the layout", q.ID)
					continue
				}
				var want []int
				switch q.Kind {
				case data.KindText:
					hasText = true
					if got.Write.W < 50 || got.Write.H < 10 {
						t.Errorf("question %d: writing space %+v", q.ID, got.Write)
					}
				case data.KindYesNo:
					want = []int{0, 1}
				case data.KindChoice:
					for i := range q.Choices {
						want = append(want, i+1)
					}
				default:
					for v := q.Min; v <= q.Max; v++ {
						want = append(want, v)
					}
				}
				if len(got.Boxes) != len(want) {
					t.Errorf("question %d (%s): %d boxes, want %d", q.ID, q.Kind, len(got.Boxes), len(want))
					continue
				}
				for i, b := range got.Boxes {
					if b.Value != want[i] {
						t.Errorf("question %d: box %d answers %d, want %d", q.ID, i, b.Value, want[i])
					}
					r := got.Row
					if b.R.X < r.X || b.R.Y < r.Y || b.R.X+b.R.W > r.X+r.W || b.R.Y+b.R.H > r.Y+r.H {
						t.Errorf("question %d: box %+v outside its row %+v", q.ID, b.R, r)
					}
				}
				if q.Kind == data.KindNPS || q.Points() == 11 { // one row
					for _, b := range got.Boxes {
						if b.R.Y != got.Boxes[0].R.Y {
							t.Errorf("question %d: 0–10 boxes on more than one row", q.ID)
							break
						}
					}
				}
			}
			last := l.Pages[len(l.Pages)-1]
			if (last.Comment != scan.Rect{}) == hasText {
				t.Errorf("comment space %+v with a text question: %v", last.Comment, hasText)
			}
		})
	}
}

// TestTheLayoutIsTheSameForEveryForm: the form numbers, their count and
// prefix do not move anything; the paper, a longer header and a new survey
// version change the layout's hash.
func TestTheLayoutIsTheSameForEveryForm(t *testing.T) {
	sv := mixedSurvey("en")
	base, err := Layout(sv, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{Count: 500}, {FirstNumber: 99999, NumberPrefix: "A very long prefix-"}, {Paper: "a4"}} {
		l, err := Layout(sv, opt)
		if err != nil {
			t.Fatal(err)
		}
		if l.Hash() != base.Hash() {
			t.Errorf("%+v moved the layout", opt)
		}
	}
	for _, opt := range []Options{{Paper: "Letter"}, {Business: "Another business with a much longer name that wraps onto a second line of the header"}} {
		l, err := Layout(sv, opt)
		if err != nil {
			t.Fatal(err)
		}
		if l.Hash() == base.Hash() {
			t.Errorf("%+v did not change the layout", opt)
		}
	}
	sv.Version++
	if l, _ := Layout(sv, Options{}); l.Hash() == base.Hash() {
		t.Error("a new survey version has the same layout hash")
	}
}

func TestAPrefixWithABarIsRefused(t *testing.T) {
	err := Write(&errWriter{}, mixedSurvey("en"), Options{Count: 1, NumberPrefix: "A|"})
	if !errors.Is(err, ErrOptions) {
		t.Errorf("Write = %v, want ErrOptions", err)
	}
}

type errWriter struct{}

func (errWriter) Write(p []byte) (int, error) { return 0, errors.New("nothing may be written") }

// revised is a survey whose second question was retired and replaced.
func revised() data.Survey {
	sv := mixedSurvey("en")
	sv.Version = 2
	sv.Questions[1].Retired = true
	q := data.NewQuestion(data.KindRating, "How was the food, from 1 to 7?", 7)
	q.SinceVersion, q.Replaces = 2, sv.Questions[1].ID
	sv.AddQuestion(q)
	return sv
}
