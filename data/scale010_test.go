package data

import (
	"errors"
	"testing"
	"time"
)

// A satisfaction question may be asked on 0–10 (and only 0–10 among scales
// from 0): it validates, takes 9–10 as satisfied, and a 0 is an answer.
func TestSatisfactionOnZeroToTen(t *testing.T) {
	q := NewQuestion(KindRating, "How satisfied are you?", 11)
	q.ID = 1
	if q.Min != 0 || q.Max != 10 || q.SatisfiedFrom != 9 {
		t.Fatalf("NewQuestion(rating, 11) = %d–%d cut-off %d, want 0–10 cut-off 9", q.Min, q.Max, q.SatisfiedFrom)
	}
	if q.Label(0) != "Not at all satisfied" || q.Label(10) != "Completely satisfied" || q.Label(5) != "" {
		t.Errorf("labels %q", q.Labels)
	}
	if err := q.Validate(1); err != nil {
		t.Fatalf("0–10 satisfaction: %v", err)
	}
	for _, bad := range [][2]int{{0, 5}, {0, 7}, {0, 9}, {2, 10}, {1, 11}} {
		b := q
		b.Min, b.Max, b.SatisfiedFrom = bad[0], bad[1], bad[1]
		var p *ValidationError
		if err := b.Validate(1); err == nil || !errors.As(err, &p) || p.Problem.Kind != KindBadRatingScale {
			t.Errorf("%d–%d: %v, want %s", bad[0], bad[1], err, KindBadRatingScale)
		}
	}
	s := &Survey{ID: 1, Name: "s", Questions: []Question{q}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	var h Histogram
	for _, v := range []int{0, 0, 5, 8, 9, 10} {
		r := &Response{SurveyID: 1, CollectedAt: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Answers: map[uint32]int{1: v}}
		if err := r.Validate(s); err != nil {
			t.Fatalf("answer %d: %v", v, err)
		}
		h.Add(v)
	}
	c := CSATOf(h, q.SatisfiedFrom)
	if c.N != 6 || c.Satisfied != 2 {
		t.Errorf("CSAT of 0,0,5,8,9,10 from 9: %d of %d, want 2 of 6 (0 is an answer)", c.Satisfied, c.N)
	}
	if m := h.Mean(); m != 32.0/6 {
		t.Errorf("mean %v, want %v", m, 32.0/6)
	}
	if UnhappyMax(q) != 7 {
		t.Errorf("UnhappyMax = %d, want 7", UnhappyMax(q))
	}
}
