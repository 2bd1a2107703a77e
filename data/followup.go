package data

import "strings"

// This file holds the follow-up rule ("unhappy customer") and the response
// filter the Responses screen lists with.

// UnhappyMax returns the highest answer to q, a satisfaction question, that
// counts as unhappy: below the satisfied cut-off, and on scales of five or
// more points also below the neutral point just under the cut-off (a 3 on
// 1–5 with the cut-off at 4 is neutral, not unhappy).
func UnhappyMax(q Question) int {
	limit := q.SatisfiedFrom - 1 // below the cut-off: not satisfied
	if limit > q.Min+1 && q.Max-q.Min >= 4 {
		limit = q.SatisfiedFrom - 2 // on 5+ point scales, neutral is not "unhappy"
	}
	return limit
}

// NeedsFollowUp reports whether r is from an unhappy customer worth calling
// back: the survey's main satisfaction question main is answered at or
// below UnhappyMax, and the customer left a comment or an open answer (a
// reason, or a way to reach them).
func NeedsFollowUp(r *Response, main Question) bool {
	v, ok := r.Answers[main.ID]
	if !ok || v > UnhappyMax(main) {
		return false
	}
	return strings.TrimSpace(r.Comment) != "" || len(r.Texts) > 0
}

// ResponseFilter selects responses for a list. Zero fields select all.
type ResponseFilter struct {
	From, To   Day // 0 = open
	Channel    string
	Tag        string // NAME=VALUE
	FormNumber string
	Search     string // in comments, open answers and form numbers
	MaxCSAT    int    // > 0: only responses whose main CSAT answer is ≤ MaxCSAT
	FollowUp   bool   // only responses that NeedsFollowUp (MaxCSAT is then ignored)
}

// Match reports whether r passes f; main is the survey's main CSAT question
// (hasMain false when it has none: then MaxCSAT and FollowUp match nothing).
func (f ResponseFilter) Match(r *Response, main Question, hasMain bool) bool {
	d := r.Day()
	if f.From != 0 && d < f.From || f.To != 0 && d > f.To {
		return false
	}
	if f.Channel != "" && !strings.EqualFold(r.Channel, f.Channel) {
		return false
	}
	if f.Tag != "" {
		name, value, _ := strings.Cut(f.Tag, "=")
		if !strings.EqualFold(strings.TrimSpace(r.Tags[strings.TrimSpace(name)]), strings.TrimSpace(value)) {
			return false
		}
	}
	if f.FormNumber != "" && !strings.EqualFold(r.FormNumber, f.FormNumber) {
		return false
	}
	if f.MaxCSAT > 0 || f.FollowUp {
		if !hasMain {
			return false
		}
		if f.FollowUp {
			if !NeedsFollowUp(r, main) {
				return false
			}
		} else if v, ok := r.Answers[main.ID]; !ok || v > f.MaxCSAT {
			return false
		}
	}
	if f.Search != "" {
		s := strings.ToLower(f.Search)
		hay := strings.ToLower(r.Comment + " " + r.FormNumber)
		for _, t := range r.Texts {
			hay += " " + strings.ToLower(t)
		}
		if !strings.Contains(hay, s) {
			return false
		}
	}
	return true
}
