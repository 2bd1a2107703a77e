package data

import (
	"testing"
	"time"
)

func TestUnhappyMaxLeavesNeutralOut(t *testing.T) {
	cases := []struct {
		name string
		q    Question
		want int
	}{
		{"1–3: below the top point", NewQuestion(KindRating, "q", 3), 2},
		{"1–5: 1 and 2, not the neutral 3", NewQuestion(KindRating, "q", 5), 2},
		{"1–7: up to 4", NewQuestion(KindRating, "q", 7), 4},
		{"1–10: up to 6", NewQuestion(KindRating, "q", 10), 6},
		{"yes/no: no", NewQuestion(KindYesNo, "q", 0), 0},
		{"1–5 with a cut-off at 5: up to 3", func() Question { q := NewQuestion(KindRating, "q", 5); q.SatisfiedFrom = 5; return q }(), 3},
		{"1–5 with a cut-off at 2: only 1", func() Question { q := NewQuestion(KindRating, "q", 5); q.SatisfiedFrom = 2; return q }(), 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := UnhappyMax(c.q); got != c.want {
				t.Errorf("UnhappyMax = %d, want %d", got, c.want)
			}
		})
	}
}

func TestNeedsFollowUpWantsAnUnhappyAnswerAndSomethingToGoOn(t *testing.T) {
	main := NewQuestion(KindRating, "Overall", 5)
	main.ID = 1
	cases := []struct {
		name string
		r    Response
		want bool
	}{
		{"unhappy with a comment", Response{Answers: map[uint32]int{1: 2}, Comment: "cold coffee"}, true},
		{"unhappy with an open answer", Response{Answers: map[uint32]int{1: 1}, Texts: map[uint32]string{3: "call me 555-0100"}}, true},
		{"unhappy without a word", Response{Answers: map[uint32]int{1: 1}, Comment: "  "}, false},
		{"neutral with a comment", Response{Answers: map[uint32]int{1: 3}, Comment: "meh"}, false},
		{"happy with a comment", Response{Answers: map[uint32]int{1: 5}, Comment: "lovely"}, false},
		{"main question left blank", Response{Answers: map[uint32]int{2: 1}, Comment: "?"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := NeedsFollowUp(&c.r, main); got != c.want {
				t.Errorf("NeedsFollowUp = %v, want %v", got, c.want)
			}
		})
	}
}

func TestResponseFilterMatch(t *testing.T) {
	main := NewQuestion(KindRating, "Overall", 5)
	main.ID = 1
	r := Response{CollectedAt: time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC), Channel: "Paper", FormNumber: "A-7",
		Tags: map[string]string{"location": "Old Town"}, Answers: map[uint32]int{1: 2}, Comment: "Slow Service"}
	day := DayOf(r.CollectedAt)
	cases := []struct {
		name    string
		f       ResponseFilter
		hasMain bool
		want    bool
	}{
		{"no filter", ResponseFilter{}, true, true},
		{"inside the dates", ResponseFilter{From: day, To: day}, true, true},
		{"after the range", ResponseFilter{To: day - 1}, true, false},
		{"channel ignores case", ResponseFilter{Channel: "paper"}, true, true},
		{"another channel", ResponseFilter{Channel: "email"}, true, false},
		{"tag with spaces", ResponseFilter{Tag: " location = old town "}, true, true},
		{"another tag value", ResponseFilter{Tag: "location=Harbour"}, true, false},
		{"form number", ResponseFilter{FormNumber: "a-7"}, true, true},
		{"search in the comment", ResponseFilter{Search: "slow"}, true, true},
		{"search finds nothing", ResponseFilter{Search: "cake"}, true, false},
		{"CSAT at most 2", ResponseFilter{MaxCSAT: 2}, true, true},
		{"CSAT at most 1", ResponseFilter{MaxCSAT: 1}, true, false},
		{"follow-up", ResponseFilter{FollowUp: true}, true, true},
		{"follow-up overrides the CSAT limit", ResponseFilter{FollowUp: true, MaxCSAT: 1}, true, true},
		{"no main question: CSAT filters match nothing", ResponseFilter{FollowUp: true}, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.f.Match(&r, main, c.hasMain); got != c.want {
				t.Errorf("Match = %v, want %v", got, c.want)
			}
		})
	}
}
