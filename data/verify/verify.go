// Package verify compares two independent entries of the same stack of
// paper forms (double-entry verification): the first entry, stored as
// responses, and a blind second entry typed by someone (or some time) else.
// Forms are paired by form number; every field of every pair is compared
// and each difference is reported for someone to settle against the paper.
//
// The package is pure: it reads no store and knows no UI.
package verify

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"csatdesk/data"
)

// Pseudo names a compared field that is not a question of the survey.
type Pseudo string

// The pseudo-fields. Their Field.QuestionID is 0.
const (
	PseudoNone    Pseudo = ""        // a question of the survey
	PseudoDate    Pseudo = "date"    // the date on the form (CollectedAt's day)
	PseudoChannel Pseudo = "channel" // Response.Channel
	PseudoTag     Pseudo = "tag"     // one segment tag; Field.Tag names it
	PseudoComment Pseudo = "comment" // Response.Comment
)

// Field names one compared field of a form.
type Field struct {
	// QuestionID is the question's ID, or 0 for the pseudo-fields.
	QuestionID uint32
	Pseudo     Pseudo
	// Tag is the tag name of a PseudoTag field.
	Tag string
	// Name is what the field is called on screen: the question's text,
	// "Date", "Channel", "Comment", or the tag name with an upper-case
	// first letter ("Location").
	Name string
}

// Mismatch is one field that differs between the two entries of a form.
type Mismatch struct {
	FormNumber string
	// Field is the question text or "Date", "Channel", "Location"…
	Field      string
	QuestionID uint32
	// Ref identifies the field fully (pseudo-fields share QuestionID 0).
	Ref Field
	// First and Second are the values as shown ("4", "Yes", "2025-09-01",
	// a comment); "" is a blank.
	First, Second string
	// FirstValue and SecondValue are the numeric answers of a numeric
	// question; nil is a blank (and always nil for other fields).
	FirstValue, SecondValue *int
	// FirstID is the stored first-entry response; SecondIndex is the
	// position of the second-entry form in the slice given to Compare.
	FirstID     data.ResponseID
	SecondIndex int
}

// Report is the outcome of Compare.
type Report struct {
	// Forms is the number of forms found in both entries.
	Forms int
	// FieldsCompared counts the fields compared over all those forms.
	FieldsCompared int
	// Differing counts the fields that differ (len(Mismatches)).
	Differing  int
	Mismatches []Mismatch
	// OnlyInFirst and OnlyInSecond list the form numbers typed in one entry
	// only, sorted; a form without a number cannot be paired and is listed
	// as "".
	OnlyInFirst, OnlyInSecond []string
}

// Rate is the share of compared fields that differed, in percent.
func (r Report) Rate() float64 {
	if r.FieldsCompared == 0 {
		return 0
	}
	return 100 * float64(r.Differing) / float64(r.FieldsCompared)
}

// Fields lists the fields compared on a pair of forms of survey sv: the
// date, the channel, the location and staff tags (the entry screen's
// header), then every active question in order, then the comment. Tags
// other than location and staff are added (sorted) when either form has
// them; retired questions when either form answered them.
func Fields(sv *data.Survey, a, b *data.Response) []Field {
	out := []Field{
		{Pseudo: PseudoDate, Name: "Date"},
		{Pseudo: PseudoChannel, Name: "Channel"},
		tagField(data.TagLocation),
		tagField(data.TagStaff),
	}
	extra := map[string]bool{}
	for _, r := range []*data.Response{a, b} {
		if r == nil {
			continue
		}
		for k := range r.Tags {
			if k != data.TagLocation && k != data.TagStaff {
				extra[k] = true
			}
		}
	}
	names := make([]string, 0, len(extra))
	for k := range extra {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		out = append(out, tagField(k))
	}
	for _, q := range sv.Questions {
		if q.Retired && !answered(q, a) && !answered(q, b) {
			continue
		}
		out = append(out, Field{QuestionID: q.ID, Name: q.Text})
	}
	return append(out, Field{Pseudo: PseudoComment, Name: "Comment"})
}

func tagField(name string) Field {
	n := name
	if n != "" {
		n = strings.ToUpper(n[:1]) + n[1:]
	}
	return Field{Pseudo: PseudoTag, Tag: name, Name: n}
}

func answered(q data.Question, r *data.Response) bool {
	if r == nil {
		return false
	}
	if q.Numeric() {
		_, ok := r.Answers[q.ID]
		return ok
	}
	return strings.TrimSpace(r.Texts[q.ID]) != ""
}

// Compare pairs the forms of two entries of one batch by form number and
// compares them field by field. A form number typed more than once in one
// entry pairs its occurrences in order (the first with the first…), the
// extras count as only in that entry. A blank against a value is a
// difference; text (open answers, comment, channel, tags) is compared
// without surrounding spaces, with runs of white space as one space and
// ignoring case.
func Compare(sv *data.Survey, first, second []data.Response) Report {
	var rep Report
	secondAt := map[string][]int{}
	for i, r := range second {
		no := strings.TrimSpace(r.FormNumber)
		if no == "" {
			rep.OnlyInSecond = append(rep.OnlyInSecond, "")
			continue
		}
		key := formKey(no)
		secondAt[key] = append(secondAt[key], i)
	}
	for i := range first {
		a := &first[i]
		no := strings.TrimSpace(a.FormNumber)
		if no == "" {
			rep.OnlyInFirst = append(rep.OnlyInFirst, "")
			continue
		}
		key := formKey(no)
		idx := secondAt[key]
		if len(idx) == 0 {
			rep.OnlyInFirst = append(rep.OnlyInFirst, no)
			continue
		}
		j := idx[0]
		secondAt[key] = idx[1:]
		b := &second[j]
		rep.Forms++
		for _, f := range Fields(sv, a, b) {
			rep.FieldsCompared++
			m, same := compareField(sv, f, a, b)
			if same {
				continue
			}
			m.FormNumber, m.FirstID, m.SecondIndex = no, a.ID, j
			rep.Mismatches = append(rep.Mismatches, m)
		}
	}
	for _, idx := range secondAt {
		for _, j := range idx {
			rep.OnlyInSecond = append(rep.OnlyInSecond, strings.TrimSpace(second[j].FormNumber))
		}
	}
	sort.Slice(rep.OnlyInFirst, func(i, j int) bool { return Less(rep.OnlyInFirst[i], rep.OnlyInFirst[j]) })
	sort.Slice(rep.OnlyInSecond, func(i, j int) bool { return Less(rep.OnlyInSecond[i], rep.OnlyInSecond[j]) })
	rep.Differing = len(rep.Mismatches)
	return rep
}

// formKey is the pairing key of a form number: case and surrounding spaces
// do not matter.
func formKey(no string) string { return strings.ToLower(strings.TrimSpace(no)) }

// compareField compares one field; same is true when the entries agree.
func compareField(sv *data.Survey, f Field, a, b *data.Response) (m Mismatch, same bool) {
	m = Mismatch{Field: f.Name, QuestionID: f.QuestionID, Ref: f}
	if f.Pseudo == PseudoNone {
		q, _ := sv.Question(f.QuestionID)
		if q.Numeric() {
			va, oka := a.Answers[q.ID]
			vb, okb := b.Answers[q.ID]
			if oka == okb && va == vb {
				return m, true
			}
			if oka {
				m.FirstValue, m.First = &va, Show(q, va)
			}
			if okb {
				m.SecondValue, m.Second = &vb, Show(q, vb)
			}
			return m, false
		}
	}
	m.First, m.Second = Value(f, a), Value(f, b)
	if f.Pseudo == PseudoDate {
		return m, m.First == m.Second
	}
	return m, SameText(m.First, m.Second)
}

// Value returns field f of r as shown; "" is a blank. Numeric answers are
// shown as numbers (yes/no as "1"/"0"): use Show for labels.
func Value(f Field, r *data.Response) string {
	switch f.Pseudo {
	case PseudoDate:
		if r.CollectedAt.IsZero() {
			return ""
		}
		return r.CollectedAt.Format("2006-01-02")
	case PseudoChannel:
		return strings.TrimSpace(r.Channel)
	case PseudoTag:
		return strings.TrimSpace(r.Tags[f.Tag])
	case PseudoComment:
		return strings.TrimSpace(r.Comment)
	}
	if v, ok := r.Answers[f.QuestionID]; ok {
		return strconv.Itoa(v)
	}
	return strings.TrimSpace(r.Texts[f.QuestionID])
}

// Set writes value into field f of r: "" clears it. A numeric question
// takes a number (Show's forms and yes/no words are accepted too, see
// ParseAnswer); the date takes 2006-01-02 and keeps r's time of day.
func Set(sv *data.Survey, f Field, r *data.Response, value string) error {
	value = strings.TrimSpace(value)
	switch f.Pseudo {
	case PseudoDate:
		t, err := time.ParseInLocation("2006-01-02", value, r.CollectedAt.Location())
		if err != nil {
			return &InputError{Field: f, Value: value}
		}
		h, mi, s := r.CollectedAt.Clock()
		r.CollectedAt = time.Date(t.Year(), t.Month(), t.Day(), h, mi, s, 0, r.CollectedAt.Location())
	case PseudoChannel:
		r.Channel = value
	case PseudoTag:
		if value == "" {
			delete(r.Tags, f.Tag)
			if len(r.Tags) == 0 {
				r.Tags = nil
			}
			return nil
		}
		if r.Tags == nil {
			r.Tags = map[string]string{}
		}
		r.Tags[f.Tag] = value
	case PseudoComment:
		r.Comment = value
	default:
		q, ok := sv.Question(f.QuestionID)
		if !ok {
			return &InputError{Field: f, Value: value}
		}
		if !q.Numeric() {
			if value == "" {
				delete(r.Texts, q.ID)
				return nil
			}
			if r.Texts == nil {
				r.Texts = map[uint32]string{}
			}
			r.Texts[q.ID] = value
			return nil
		}
		if value == "" {
			delete(r.Answers, q.ID)
			return nil
		}
		v, ok := ParseAnswer(q, value)
		if !ok {
			return &InputError{Field: f, Value: value, Question: &q}
		}
		if r.Answers == nil {
			r.Answers = map[uint32]int{}
		}
		r.Answers[q.ID] = v
	}
	return nil
}

// SetValue writes a numeric answer (nil: blank) into question field f of r.
func SetValue(f Field, r *data.Response, v *int) {
	if v == nil {
		delete(r.Answers, f.QuestionID)
		return
	}
	if r.Answers == nil {
		r.Answers = map[uint32]int{}
	}
	r.Answers[f.QuestionID] = *v
}

// InputError says a typed value does not fit the field.
type InputError struct {
	Field    Field
	Value    string
	Question *data.Question // set for a numeric question
}

func (e *InputError) Error() string {
	if e.Question != nil {
		return "'" + e.Value + "' is not an answer to '" + e.Field.Name + "' (" + strconv.Itoa(e.Question.Min) + "–" + strconv.Itoa(e.Question.Max) + ")"
	}
	return "'" + e.Value + "' does not fit '" + e.Field.Name + "'"
}

// ParseAnswer reads a typed answer to numeric question q: a number on its
// scale, or for yes/no questions y/n, yes/no or its labels.
func ParseAnswer(q data.Question, s string) (int, bool) {
	s = strings.TrimSpace(s)
	if q.Kind == data.KindYesNo {
		switch strings.ToLower(s) {
		case "y", "yes", "1":
			return 1, true
		case "n", "no", "0":
			return 0, true
		}
		for v := q.Min; v <= q.Max; v++ {
			if l := q.Label(v); l != "" && strings.EqualFold(l, s) {
				return v, true
			}
		}
		return 0, false
	}
	if f := strings.Fields(s); len(f) > 0 {
		s = f[0] // "2 Option 2" as Show writes it
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < q.Min || v > q.Max {
		return 0, false
	}
	return v, true
}

// Show writes numeric answer v of q as a person reads it on screen: the
// label of a yes/no answer, "2 Takeaway" for a choice, else the number.
func Show(q data.Question, v int) string {
	l := q.Label(v)
	switch {
	case q.Kind == data.KindYesNo && l != "":
		return l
	case q.Kind == data.KindChoice && l != "":
		return strconv.Itoa(v) + " " + l
	}
	return strconv.Itoa(v)
}

// SameText reports whether two texts are the same once surrounding spaces
// are trimmed, runs of white space count as one space, and case is
// ignored.
func SameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// splitNumber splits "A-0012" into "A-" and 12; ok is false without a
// trailing number.
func splitNumber(s string) (prefix string, n uint64, ok bool) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == len(s) {
		return s, 0, false
	}
	n, err := strconv.ParseUint(s[i:], 10, 64)
	if err != nil {
		return s, 0, false
	}
	return s[:i], n, true
}

// CompareNumbers orders form numbers as people do: the same prefix with a
// trailing number compares by that number ("A-9" < "A-10"), anything else
// compares as text ignoring case. It returns -1, 0 or +1.
func CompareNumbers(a, b string) int {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	pa, na, oka := splitNumber(a)
	pb, nb, okb := splitNumber(b)
	if oka && okb && strings.EqualFold(pa, pb) {
		switch {
		case na < nb:
			return -1
		case na > nb:
			return 1
		}
		return 0
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// Less orders form numbers for lists (see CompareNumbers).
func Less(a, b string) bool { return CompareNumbers(a, b) < 0 }

// InRange reports whether form number no lies in from…to inclusive (see
// CompareNumbers); an empty bound is open. An empty number is never in a
// range with a bound.
func InRange(no, from, to string) bool {
	no, from, to = strings.TrimSpace(no), strings.TrimSpace(from), strings.TrimSpace(to)
	if no == "" {
		return from == "" && to == ""
	}
	if from != "" && CompareNumbers(no, from) < 0 {
		return false
	}
	if to != "" && CompareNumbers(no, to) > 0 {
		return false
	}
	return true
}
