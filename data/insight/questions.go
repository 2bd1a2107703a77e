package insight

import (
	"fmt"
	"strings"

	"csatdesk/data"
)

// Choice is one entry of the question filter: the questions a figure adds
// up, and how the entry reads.
type Choice struct {
	Label string
	// Questions are what the figures count: an active question first,
	// then the retired questions it replaced (its [Lineage]); or, for the
	// "all satisfaction questions" entry, every satisfaction question,
	// retired ones included.
	Questions []data.Question
	// All marks the "all satisfaction questions" entry: its scales may
	// differ, so it has no mean and no distribution.
	All bool
}

// Question is the question a choice's figures are labelled with: its
// active question, or for [Choice.All] a stand-in with ID 0 named "All
// satisfaction questions".
func (c Choice) Question() data.Question {
	if c.All || len(c.Questions) == 0 {
		return data.Question{Text: c.Label}
	}
	return c.Questions[0]
}

// Lineage returns q followed by the retired questions of sv it replaced:
// when responses exist, a revision (data.Revise) never changes a
// question's kind, scale or cut-off in place but retires it and adds the
// edited copy under a new ID that records the old one in Replaces; the
// chain of Replaces links is q's history. Surveys revised before that link
// was recorded fall back to a likeness: a retired question is q's
// predecessor when it is as numeric as q, was introduced before q, and has
// q's code (when both have one) or q's text.
func Lineage(sv *data.Survey, q data.Question) []data.Question {
	out := []data.Question{q}
	if q.Retired {
		return out
	}
	if q.Replaces != 0 {
		seen := map[uint32]bool{q.ID: true}
		for id := q.Replaces; id != 0 && !seen[id]; {
			seen[id] = true
			r, ok := sv.Question(id)
			if !ok || !r.Retired || !sameFamily(r, q) {
				break // a change of kind starts a new history
			}
			out = append(out, r)
			id = r.Replaces
		}
		return out
	}
	for _, r := range sv.Questions {
		if !r.Retired || r.ID == q.ID || !sameFamily(r, q) {
			continue
		}
		if r.SinceVersion > q.SinceVersion && q.SinceVersion > 0 {
			continue
		}
		if sameName(r, q) {
			out = append(out, r)
		}
	}
	return out
}

// sameFamily reports whether answers to a and b measure the same kind of
// thing (satisfaction, NPS, effort, text), so that one's history may be the
// other's: an NPS or effort question turned into a rating is not.
func sameFamily(a, b data.Question) bool {
	return a.HasCSAT() == b.HasCSAT() && a.Numeric() == b.Numeric() &&
		(a.Kind == data.KindNPS) == (b.Kind == data.KindNPS) && (a.Kind == data.KindCES) == (b.Kind == data.KindCES)
}

func sameName(a, b data.Question) bool {
	ca, cb := strings.TrimSpace(a.Code), strings.TrimSpace(b.Code)
	if ca != "" && cb != "" {
		return strings.EqualFold(ca, cb)
	}
	return strings.EqualFold(strings.Join(strings.Fields(a.Text), " "), strings.Join(strings.Fields(b.Text), " "))
}

// Main returns the default question's figures: the survey's main
// satisfaction question (data.Survey.MainCSAT) with the retired questions
// it replaced, so its history keeps its n. ok is false when the survey
// has no active satisfaction question.
func Main(sv *data.Survey) (qs []data.Question, ok bool) {
	q, ok := sv.MainCSAT()
	if !ok {
		return nil, false
	}
	return Lineage(sv, q), true
}

// Satisfaction returns every question of sv that carries CSAT %, retired
// ones included: "all satisfaction questions".
func Satisfaction(sv *data.Survey) []data.Question {
	var out []data.Question
	for _, q := range sv.Questions {
		if q.HasCSAT() {
			out = append(out, q)
		}
	}
	return out
}

// Choices lists the dashboard's question filter for sv: "All satisfaction
// questions" when that adds up more than the main question's lineage (also
// when every satisfaction question was retired, so their history shows),
// then every active rating, yes/no, NPS and effort question with its
// lineage. def is the index of the default entry, the main satisfaction
// question (0 when there is none); the list is empty when the survey has
// nothing to score.
func Choices(lang Texts, sv *data.Survey) (choices []Choice, def int) {
	all := Satisfaction(sv)
	mainQs, hasMain := Main(sv)
	if len(all) > len(mainQs) { // other questions, or only retired ones
		choices = append(choices, Choice{Label: lang.L("All satisfaction questions"), Questions: all, All: true})
	}
	for _, q := range sv.Active() {
		if !q.HasCSAT() && q.Kind != data.KindCES && q.Kind != data.KindNPS {
			continue
		}
		if hasMain && q.ID == mainQs[0].ID {
			def = len(choices)
		}
		choices = append(choices, Choice{Label: q.Text, Questions: Lineage(sv, q)})
	}
	return choices, def
}

// Pick returns the figures' questions for a question ID given on the
// command line: the question with that ID and the ones it replaced, or
// for 0 the default ([Main]).
func Pick(sv *data.Survey, id uint32) ([]data.Question, error) {
	if id != 0 {
		q, ok := sv.Question(id)
		if !ok {
			return nil, &QuestionError{Survey: sv.Name, ID: id}
		}
		if !q.Numeric() {
			return nil, &QuestionError{Survey: sv.Name, ID: id, Text: q.Text}
		}
		return Lineage(sv, q), nil
	}
	qs, ok := Main(sv)
	if !ok {
		return nil, &QuestionError{Survey: sv.Name}
	}
	return qs, nil
}

// QuestionError says why [Pick] found no question to count.
type QuestionError struct {
	Survey string
	ID     uint32 // 0: the survey has no satisfaction question
	Text   string // set when question ID is open text
}

func (e *QuestionError) Error() string {
	switch {
	case e.ID == 0:
		return fmt.Sprintf("survey %q has no satisfaction question; pick one with --question", e.Survey)
	case e.Text != "":
		return fmt.Sprintf("question %d %q is open text and has no score", e.ID, e.Text)
	}
	return fmt.Sprintf("survey %q has no question %d", e.Survey, e.ID)
}
