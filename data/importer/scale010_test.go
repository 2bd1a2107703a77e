package importer

import (
	"testing"

	"csatdesk/data"
)

// TestZeroToTenSatisfactionIsARating: a 0–10 column whose header asks how
// satisfied (in any of our languages, or R's sat1) is a 0–10 satisfaction
// question satisfied from 9; "recommend" on 0–10 stays an NPS, and so does
// a 0–10 column whose header says neither.
func TestZeroToTenSatisfactionIsARating(t *testing.T) {
	vals := []string{"0", "3", "7", "8", "9", "10", "10", "5"}
	cases := []struct {
		name, header string
		kind         data.Kind
		csat         float64 // of the imported answers, for a rating
	}{
		{"English", "How satisfied are you with our service?", data.KindRating, 37.5},
		{"Portuguese", "Quão satisfeito você está com os preços?", data.KindRating, 37.5},
		{"Russian", "Насколько вы довольны обслуживанием?", data.KindRating, 37.5},
		{"R code", "sat1", data.KindRating, 37.5},
		{"scale in the header", "Satisfaction (0-10)", data.KindRating, 37.5},
		{"no top answer", "Overall satisfaction", data.KindRating, -1},
		{"recommend", "How likely are you to recommend us to a friend?", data.KindNPS, 0},
		{"recommend and satisfied", "If satisfied, would you recommend us?", data.KindNPS, 0},
		{"recommend, scale in the header", "Recommend (0-10)", data.KindNPS, 0},
		{"no words", "Q7", data.KindNPS, 0},
		{"score (Delighted)", "Score", data.KindNPS, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := vals
			if c.csat < 0 {
				v = []string{"0", "2", "4", "6", "8", "8"} // nobody chose 9 or 10
			}
			prop, rep, rs := importCSV(t, rowsCSV(len(v)*3, true, []string{c.header}, v), nil)
			q := questionOf(t, prop, 1)
			if q.Kind != c.kind || q.Min != 0 || q.Max != 10 {
				t.Fatalf("%v %d–%d, want %v 0–10", q.Kind, q.Min, q.Max, c.kind)
			}
			if rep.Skipped != 0 {
				t.Errorf("%d rows skipped", rep.Skipped)
			}
			if c.kind != data.KindRating {
				if prop.Main != 0 {
					t.Errorf("an NPS question was taken as the main satisfaction question")
				}
				return
			}
			if q.SatisfiedFrom != 9 {
				t.Errorf("satisfied from %d, want 9", q.SatisfiedFrom)
			}
			want := max(c.csat, 0)
			if pct, n := csatOf(prop.Survey, q.ID, rs); n != len(v)*3 || pct != want {
				t.Errorf("CSAT %.1f %% of %d, want %.1f %% of %d (0 is an answer)", pct, n, want, len(v)*3)
			}
			if prop.Main != q.ID {
				t.Errorf("main question %d, want the 0–10 satisfaction question %d", prop.Main, q.ID)
			}
		})
	}
}

// TestZeroToTenSatisfactionIsTheMain: beside a 1–5 rating and a yes/no, the
// 0–10 "how satisfied" question is the main one.
func TestZeroToTenSatisfactionIsTheMain(t *testing.T) {
	csv := rowsCSV(30, true, []string{"Food quality", "Was it clean?", "How satisfied are you overall?"},
		[]string{"4", "5", "3"}, []string{"Yes", "No"}, []string{"10", "0", "9", "6", "8"})
	prop, _, rs := importCSV(t, csv, nil)
	q := questionOf(t, prop, 3)
	if q.Kind != data.KindRating || q.Min != 0 || q.Max != 10 || prop.Main != q.ID {
		t.Fatalf("%v %d–%d main %v, want the 0–10 rating as main", q.Kind, q.Min, q.Max, prop.Main == q.ID)
	}
	if m, ok := prop.Survey.MainCSAT(); !ok || m.ID != q.ID {
		t.Errorf("Survey.MainCSAT is %q, want %q", m.Text, q.Text)
	}
	if pct, n := csatOf(prop.Survey, q.ID, rs); n != 30 || pct != 40 {
		t.Errorf("CSAT %.1f %% of %d, want 40 %% of 30", pct, n)
	}
}
