package insight

import (
	"math"
	"sort"
	"strings"

	"csatdesk/data"
	"csatdesk/data/topics"
)

// Comments collects the comments of a survey's responses for package
// topics: a response's open-text answers, joined — or, when it has none,
// its general comment unless that looks like contact details (an e-mail
// address or a phone number: Response.Comment also holds contact notes,
// which never belong in a topic list) — with the band of the customer's own score on the survey's main question
// (its lineage: retired versions count). Feed it responses (Add), then
// read Comments; Responses holds each comment's response ID.
type Comments struct {
	main      []data.Question
	Comments  []topics.Comment
	Responses []data.ResponseID
}

// NewComments prepares a collector for survey sv.
func NewComments(sv *data.Survey) *Comments {
	c := &Comments{}
	if qs, ok := Main(sv); ok {
		c.main = qs
	} else {
		for _, q := range sv.Questions {
			if q.Kind == data.KindNPS && !q.Retired {
				c.main = []data.Question{q}
				break
			}
		}
	}
	return c
}

// Add collects r's comment, if it has one.
func (c *Comments) Add(r *data.Response) {
	parts := make([]string, 0, 1+len(r.Texts))
	ids := make([]uint32, 0, len(r.Texts))
	for id := range r.Texts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		if s := strings.TrimSpace(r.Texts[id]); s != "" {
			parts = append(parts, s)
		}
	}
	if s := strings.TrimSpace(r.Comment); len(parts) == 0 && s != "" && !looksLikeContact(s) {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return
	}
	tc := topics.Comment{Text: strings.Join(parts, " · "), Score: math.NaN(), At: r.CollectedAt, Ref: len(c.Comments)}
	for _, q := range c.main {
		if v, ok := r.Answers[q.ID]; ok {
			tc.Score = float64(v)
			tc.Band = topics.BandOf(v, q.SatisfiedFrom, q.Kind == data.KindNPS)
			break
		}
	}
	c.Comments = append(c.Comments, tc)
	c.Responses = append(c.Responses, r.ID)
}

// TopicLanguage is the language a survey's comments are matched in: its
// own language ("lv", "zh-Hant" → "zh_Hant"), English when it has none.
func TopicLanguage(sv *data.Survey) string {
	l := strings.ReplaceAll(strings.TrimSpace(sv.Language), "-", "_")
	if l == "" {
		return "en"
	}
	return l
}

// looksLikeContact reports whether s holds an e-mail address or a phone
// number (seven or more digits, spaces and dashes between them allowed).
func looksLikeContact(s string) bool {
	if strings.Contains(s, "@") {
		return true
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			if digits >= 7 {
				return true
			}
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '+' || r == '.':
		default:
			digits = 0
		}
	}
	return false
}
