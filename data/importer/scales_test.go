package importer

import (
	"testing"

	"csatdesk/data"
)

// TestFourAndSixPointScalesImportAsThemselves: 1–4 and 1–6 columns, in
// numbers or words, become 1–4 and 1–6 questions satisfied from the top
// two points, not a 1–5 or 1–7 question with a shifted cut-off; a few
// answers with no top point, or none in the middle, stay on the scale
// with a top (a middle) nobody chose.
func TestFourAndSixPointScalesImportAsThemselves(t *testing.T) {
	cases := []struct {
		name     string
		header   string
		vals     []string
		rows     int
		max, cut int
		csat     float64 // of the imported answers
	}{
		{"1–4 numbers", "How satisfied are you with the service?", []string{"1", "2", "3", "4", "4"}, 40, 4, 3, 60},
		{"1–6 numbers", "How satisfied are you with the service?", []string{"1", "2", "3", "4", "5", "6", "6", "5"}, 40, 6, 5, 50},
		{"1–4 written 3/4", "Satisfaction", []string{"1/4", "2/4", "3/4", "4/4"}, 8, 4, 3, 50},
		{"1–4 words", "How satisfied are you with the service?", []string{"Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"}, 40, 4, 3, 50},
		{"1–6 words", "Overall satisfaction", []string{"Very dissatisfied", "Dissatisfied", "Somewhat dissatisfied", "Somewhat satisfied", "Satisfied", "Very satisfied"}, 36, 6, 5, 33.3},
		{"1–4 words in Russian", "Насколько вы довольны?", []string{"Очень недоволен", "Недоволен", "Доволен", "Очень доволен"}, 40, 4, 3, 50},
		{"a few answers up to 4: 1–5", "How satisfied are you with the service?", []string{"2", "3", "4", "4"}, 8, 5, 4, 50},
		{"a few answers up to 6: 1–7", "How satisfied are you with the service?", []string{"3", "4", "5", "6"}, 8, 7, 6, 25},
		{"a few answers without Neutral: 1–5", "How satisfied are you?", []string{"Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"}, 8, 5, 4, 50},
		{"Neutral among them: 1–5", "How satisfied are you?", []string{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"}, 40, 5, 4, 40},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prop, rep, rs := importCSV(t, rowsCSV(c.rows, true, []string{c.header}, c.vals), nil)
			q := questionOf(t, prop, 1)
			if q.Kind != data.KindRating || q.Min != 1 || q.Max != c.max || q.SatisfiedFrom != c.cut {
				t.Fatalf("%v %d–%d satisfied from %d, want 1–%d from %d", q.Kind, q.Min, q.Max, q.SatisfiedFrom, c.max, c.cut)
			}
			if pct, n := csatOf(prop.Survey, q.ID, rs); n != c.rows || pct != c.csat || rep.Skipped != 0 {
				t.Errorf("CSAT %.1f %% of %d (skipped %d), want %.1f %% of %d", pct, n, rep.Skipped, c.csat, c.rows)
			}
		})
	}
}
