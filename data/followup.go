package data

import (
	"strings"
	"time"
)

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

// CESFollowUpMax is the default highest CES answer put on the follow-up
// list: 1–3 on the 1–7 agreement scale ("it was easy" disagreed with).
const CESFollowUpMax = 3

// NPSDetractorMax is the highest NPS answer of a detractor (0–6).
const NPSDetractorMax = 6

// AnswerAtMost is a follow-up condition an owner picks: question
// QuestionID answered at or below Max.
type AnswerAtMost struct {
	QuestionID uint32 `json:"q"`
	Max        int    `json:"max"`
}

// FollowUpRule says which responses go on the follow-up list: any one of
// its conditions that holds puts the response there. It is kept per survey
// (store.SetFollowUpRule); DefaultFollowUpRule is used until one is saved.
type FollowUpRule struct {
	// CSAT: the main satisfaction question at or below CSATMax (0: its
	// UnhappyMax, below the cut-off and the neutral point).
	CSAT    bool `json:"csat,omitempty"`
	CSATMax int  `json:"csat_max,omitempty"`
	// NPS: a detractor (0–6) on the first NPS question.
	NPS bool `json:"nps,omitempty"`
	// CES: the first CES question at or below CESMax (0: CESFollowUpMax).
	CES    bool `json:"ces,omitempty"`
	CESMax int  `json:"ces_max,omitempty"`
	// Answers are the owner's own conditions ("question X ≤ N").
	Answers []AnswerAtMost `json:"answers,omitempty"`
	// NeedSomething keeps off the list a low score that left nothing to
	// act on: it wants a comment, an open answer or a contact too.
	NeedSomething bool `json:"need_something,omitempty"`
}

// DefaultFollowUpRule is the rule of a survey that has not saved one: an
// unhappy main CSAT answer or an NPS detractor, with a comment, an open
// answer or a contact to act on.
func DefaultFollowUpRule() FollowUpRule {
	return FollowUpRule{CSAT: true, NPS: true, NeedSomething: true}
}

// Empty reports whether r has no condition at all (puts nothing on the list).
func (r FollowUpRule) Empty() bool { return !r.CSAT && !r.NPS && !r.CES && len(r.Answers) == 0 }

// FollowUpReason names the condition that put a response on the list.
type FollowUpReason struct {
	Question Question // the question answered low
	Value    int      // the answer
	Max      int      // the rule's limit
}

// Match reports whether response resp of survey s goes on the follow-up
// list under r, and why (every condition that holds). hasContact says
// whether the customer left a contact (stored apart from resp).
func (r FollowUpRule) Match(resp *Response, s *Survey, hasContact bool) (bool, []FollowUpReason) {
	var why []FollowUpReason
	check := func(q Question, ok bool, limit int) {
		if !ok {
			return
		}
		if v, answered := resp.Answers[q.ID]; answered && v <= limit {
			why = append(why, FollowUpReason{Question: q, Value: v, Max: limit})
		}
	}
	if r.CSAT {
		q, ok := s.MainCSAT()
		limit := r.CSATMax
		if ok && (limit <= 0 || limit >= q.Max) {
			limit = UnhappyMax(q)
		}
		check(q, ok, limit)
	}
	if r.NPS {
		q, ok := s.FirstOfKind(KindNPS)
		check(q, ok, NPSDetractorMax)
	}
	if r.CES {
		q, ok := s.FirstOfKind(KindCES)
		limit := r.CESMax
		if limit <= 0 || limit > 7 {
			limit = CESFollowUpMax
		}
		check(q, ok, limit)
	}
	for _, a := range r.Answers {
		q, ok := s.Question(a.QuestionID)
		check(q, ok && q.Numeric(), a.Max)
	}
	if len(why) == 0 {
		return false, nil
	}
	if r.NeedSomething && !hasContact && strings.TrimSpace(resp.Comment) == "" && len(resp.Texts) == 0 {
		return false, nil
	}
	// One question may meet two conditions (CSAT and the owner's own):
	// name it once.
	out := why[:0]
	seen := map[uint32]bool{}
	for _, w := range why {
		if !seen[w.Question.ID] {
			seen[w.Question.ID] = true
			out = append(out, w)
		}
	}
	return true, out
}

// FollowUpStatus is where a listed response stands.
type FollowUpStatus string

// The follow-up statuses, in their usual order.
const (
	StatusNew       FollowUpStatus = "new"
	StatusContacted FollowUpStatus = "contacted"
	StatusResolved  FollowUpStatus = "resolved"
)

// FollowUpStatuses lists the statuses in order.
var FollowUpStatuses = []FollowUpStatus{StatusNew, StatusContacted, StatusResolved}

// Valid reports whether st is one of FollowUpStatuses.
func (st FollowUpStatus) Valid() bool {
	return st == StatusNew || st == StatusContacted || st == StatusResolved
}

// Next returns the status after st (new → contacted → resolved; resolved
// stays resolved).
func (st FollowUpStatus) Next() FollowUpStatus {
	switch st {
	case StatusNew, "":
		return StatusContacted
	}
	return StatusResolved
}

// MaxFollowUpNote is the most characters a follow-up note keeps.
const MaxFollowUpNote = 2000

// MaxFollowUpHistory is how many past changes a follow-up keeps.
const MaxFollowUpHistory = 50

// FollowUpChange is one status change of a listed response.
type FollowUpChange struct {
	Status FollowUpStatus `json:"status"`
	Note   string         `json:"note,omitempty"`
	At     time.Time      `json:"at"`
}

// FollowUpState is the follow-up of one listed response: its current
// status, note and date (the last change), and the changes before.
type FollowUpState struct {
	FollowUpChange
	History []FollowUpChange `json:"history,omitempty"`
}

// StatusOrNew returns the state's status; a response never changed is new.
func (s FollowUpState) StatusOrNew() FollowUpStatus {
	if s.Status == "" {
		return StatusNew
	}
	return s.Status
}

// Change returns s after a change to status st with note at time at: the
// current change moves to the history (the oldest dropped past
// MaxFollowUpHistory).
func (s FollowUpState) Change(st FollowUpStatus, note string, at time.Time) FollowUpState {
	if r := []rune(note); len(r) > MaxFollowUpNote {
		note = string(r[:MaxFollowUpNote])
	}
	out := FollowUpState{History: append([]FollowUpChange(nil), s.History...)}
	if s.Status != "" {
		out.History = append(out.History, s.FollowUpChange)
	}
	if n := len(out.History); n > MaxFollowUpHistory {
		out.History = out.History[n-MaxFollowUpHistory:]
	}
	out.FollowUpChange = FollowUpChange{Status: st, Note: note, At: at}
	return out
}

// FollowUpItem is one row of the follow-up list.
type FollowUpItem struct {
	Response Response
	State    FollowUpState
	// Contact is the customer's contact; HasContact is false when none is
	// stored (never asked, left blank, or forgotten).
	Contact    Contact
	HasContact bool
	// Reasons are the rule's conditions the response meets now (empty for
	// a response kept on the list by its status after the rule changed).
	Reasons []FollowUpReason
}

// FollowUpCounts counts listed responses per status.
type FollowUpCounts struct {
	New, Contacted, Resolved int
}

// Open returns the responses still to deal with (new and contacted).
func (c FollowUpCounts) Open() int { return c.New + c.Contacted }

// Total returns every listed response.
func (c FollowUpCounts) Total() int { return c.New + c.Contacted + c.Resolved }

// Add counts one item of status st.
func (c *FollowUpCounts) Add(st FollowUpStatus) {
	switch st {
	case StatusContacted:
		c.Contacted++
	case StatusResolved:
		c.Resolved++
	default:
		c.New++
	}
}
