package data

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Kind is the type of a question.
type Kind string

// The question kinds.
const (
	KindRating Kind = "rating" // CSAT on a 1–3, 1–4, 1–5, 1–6, 1–7, 1–10 or 0–10 scale
	KindNPS    Kind = "nps"    // Net Promoter Score, 0–10
	KindCES    Kind = "ces"    // Customer Effort Score, 1–7 agreement
	KindYesNo  Kind = "yesno"  // yes (1) or no (0)
	KindChoice Kind = "choice" // one of a few labelled choices, 1..n
	KindText   Kind = "text"   // open comment
)

// Kinds lists every kind in the order a designer offers them.
var Kinds = []Kind{KindRating, KindNPS, KindCES, KindYesNo, KindChoice, KindText}

// MaxValue is the largest value any scale can hold; histograms have
// MaxValue+1 buckets.
const MaxValue = 10

// MaxChoices is the most choices a choice question may have.
const MaxChoices = MaxValue

// RatingScales lists the supported CSAT scale tops of scales starting at 1;
// a satisfaction scale may also be 0–10 (Min 0, Max 10: 11 points,
// satisfied 9–10 by default), as some forms ask "how satisfied" on 0–10.
var RatingScales = []int{3, 4, 5, 6, 7, 10}

// Question is one question of a survey.
type Question struct {
	// ID is stable for the life of the survey; answers refer to it.
	ID uint32 `json:"id"`
	// Code is a short name used in imports and exports ("delivery").
	Code string `json:"code,omitempty"`
	Text string `json:"text"`
	Kind Kind   `json:"kind"`
	// Min and Max bound the scale of numeric kinds.
	Min int `json:"min,omitempty"`
	Max int `json:"max,omitempty"`
	// Labels names the scale points from Min to Max; empty entries mean
	// "show the number only".
	Labels []string `json:"labels,omitempty"`
	// SatisfiedFrom is the cut-off: values >= SatisfiedFrom count as
	// satisfied in CSAT %.
	SatisfiedFrom int `json:"satisfied_from,omitempty"`
	// Choices are the labels of a choice question, answered 1..len(Choices).
	Choices  []string `json:"choices,omitempty"`
	Required bool     `json:"required,omitempty"`
	// Retired questions are no longer asked: a change of kind, scale or
	// cut-off after responses exist retires the old question and adds a new
	// one (a new ID), so old answers keep their meaning. Retired questions
	// stay in the survey for the old responses' sake; forms, entry and
	// imports skip them.
	Retired bool `json:"retired,omitempty"`
	// SinceVersion is the survey version that introduced the question.
	SinceVersion int `json:"since_version,omitempty"`
	// Replaces is the ID of the retired question this one was added in
	// place of, when a revision changed that question's kind, scale or
	// cut-off (see Revise); 0 for a question asked from the start, and for
	// questions revised before CSAT Desk recorded the link.
	Replaces uint32 `json:"replaces,omitempty"`
}

// RequiredIn reports whether a response collected with survey version v
// must answer q: q is required, still asked (retired questions are not),
// and was already asked in version v (a question added later was never
// asked of an older response). v <= 0 means the current version.
func (q Question) RequiredIn(v int) bool {
	return q.Required && !q.Retired && (v <= 0 || q.SinceVersion <= v)
}

// SameScale reports whether answers to q and o are on the same scale, so
// their counts per scale point can be added up (a mean, a distribution).
func (q Question) SameScale(o Question) bool { return q.Min == o.Min && q.Max == o.Max }

// Numeric reports whether answers to q are numbers on a scale.
func (q Question) Numeric() bool { return q.Kind != KindText }

// HasCSAT reports whether q contributes to CSAT % (rating and yes/no).
func (q Question) HasCSAT() bool { return q.Kind == KindRating || q.Kind == KindYesNo }

// Points returns the number of scale points of a numeric question.
func (q Question) Points() int {
	if !q.Numeric() {
		return 0
	}
	return q.Max - q.Min + 1
}

// Label returns the label of scale value v, or "" when it has none.
func (q Question) Label(v int) string {
	if q.Kind == KindChoice {
		if v >= 1 && v <= len(q.Choices) {
			return q.Choices[v-1]
		}
		return ""
	}
	i := v - q.Min
	if i >= 0 && i < len(q.Labels) {
		return q.Labels[i]
	}
	return ""
}

// DefaultCutoff returns the usual "satisfied" cut-off for a scale min..max:
// the top point of a 3-point scale; the top two points of a 4-, 5-, 6- or
// 7-point scale (3–4 on a balanced 1–4 "Very dissatisfied, Dissatisfied,
// Satisfied, Very satisfied", which has no middle, so both satisfied points
// count; 5–6 on 1–6; 4–5 on 1–5; 6–7 on 1–7); 8–10 on a 10-point scale; 9–10
// on an 11-point scale (0–10, satisfaction or NPS promoters); in
// general the top quarter rounded up, at least the top point.
func DefaultCutoff(min, max int) int {
	switch max - min + 1 {
	case 2:
		return max
	case 3:
		return max
	case 4, 5, 6:
		return max - 1
	case 7:
		return max - 1
	case 10:
		return max - 2
	case 11:
		return 9 // NPS promoters
	}
	n := max - min + 1
	top := (n + 3) / 4
	return max - top + 1
}

// NewQuestion returns a question of kind k with the standard scale, cut-off
// and (English) labels for that kind. For KindRating, points is the scale top
// (3, 4, 5, 6, 7 or 10) of a scale from 1, or 11 for the 0–10 satisfaction
// scale ("Not at all satisfied" under 0, "Completely satisfied" under 10);
// it is ignored for other kinds.
func NewQuestion(k Kind, text string, points int) Question {
	q := Question{Kind: k, Text: text, Required: true}
	switch k {
	case KindRating:
		if points == 0 {
			points = 5
		}
		q.Min, q.Max = 1, points
		if points == MaxValue+1 {
			q.Min, q.Max = 0, MaxValue
			q.Labels = make([]string, points)
			q.Labels[0], q.Labels[MaxValue] = "Not at all satisfied", "Completely satisfied"
		} else if points == 5 {
			q.Labels = []string{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"}
		} else if points == 3 {
			q.Labels = []string{"Dissatisfied", "Neutral", "Satisfied"}
		}
	case KindNPS:
		q.Min, q.Max = 0, 10
		q.Labels = make([]string, 11)
		q.Labels[0], q.Labels[10] = "Not at all likely", "Extremely likely"
	case KindCES:
		q.Min, q.Max = 1, 7
		q.Labels = []string{"Strongly disagree", "Disagree", "Somewhat disagree", "Neutral", "Somewhat agree", "Agree", "Strongly agree"}
	case KindYesNo:
		q.Min, q.Max = 0, 1
		q.Labels = []string{"No", "Yes"}
	case KindChoice:
		q.Min, q.Max = 1, 2
		q.Choices = []string{"Option 1", "Option 2"}
	case KindText:
		q.Required = false
	}
	if q.Numeric() && k != KindChoice {
		q.SatisfiedFrom = DefaultCutoff(q.Min, q.Max)
	}
	if k == KindCES {
		q.SatisfiedFrom = 5 // "agree" 5–7
	}
	return q
}

// Survey is a questionnaire and its version history marker.
type Survey struct {
	ID          uint64 `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Business is printed at the top of paper forms.
	Business string `json:"business,omitempty"`
	// Language is a BCP 47 tag for the survey's own text ("en", "lv").
	Language string    `json:"language,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	// Version is bumped when a question changes meaning after responses
	// exist; every response records the version it was entered under.
	Version   int        `json:"version"`
	Archived  bool       `json:"archived,omitempty"`
	Questions []Question `json:"questions"`
	// NextQuestionID is the ID the next added question receives.
	NextQuestionID uint32 `json:"next_question_id"`
	// Contact lists the optional contact fields the survey asks (contact.go);
	// empty for a survey without them. The answers are stored apart from
	// the responses.
	Contact []ContactField `json:"contact,omitempty"`
}

// AddQuestion appends q to s, giving it the next free ID, and returns the ID.
func (s *Survey) AddQuestion(q Question) uint32 {
	if s.NextQuestionID == 0 {
		s.NextQuestionID = 1
		for _, e := range s.Questions {
			if e.ID >= s.NextQuestionID {
				s.NextQuestionID = e.ID + 1
			}
		}
	}
	q.ID = s.NextQuestionID
	s.NextQuestionID++
	s.Questions = append(s.Questions, q)
	return q.ID
}

// Question returns the question with the given ID.
func (s *Survey) Question(id uint32) (Question, bool) {
	for _, q := range s.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// MainCSAT returns the first active question that carries CSAT % (a
// rating, else a yes/no question); ok is false when the survey has none.
func (s *Survey) MainCSAT() (q Question, ok bool) {
	for _, k := range []Kind{KindRating, KindYesNo} {
		if q, ok := s.FirstOfKind(k); ok {
			return q, true
		}
	}
	return Question{}, false
}

// FirstOfKind returns the first active (not retired) question of kind k.
func (s *Survey) FirstOfKind(k Kind) (Question, bool) {
	for _, q := range s.Questions {
		if q.Kind == k && !q.Retired {
			return q, true
		}
	}
	return Question{}, false
}

// Active returns the questions still asked, in order.
func (s *Survey) Active() []Question {
	out := make([]Question, 0, len(s.Questions))
	for _, q := range s.Questions {
		if !q.Retired {
			out = append(out, q)
		}
	}
	return out
}

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("invalid")

// ValidationError says what is wrong in words a shop owner understands:
// a Problem (kind and arguments), in English from Error, in the user's
// language in the window.
type ValidationError struct {
	Problem
}

func (e *ValidationError) Error() string { return e.Problem.String() }

// Unwrap lets errors.Is(err, ErrInvalid) match.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// UserProblem returns the problem, for the window to translate.
func (e *ValidationError) UserProblem() Problem { return e.Problem }

// invalid returns a *ValidationError of kind k with its arguments as
// name, value pairs.
func invalid(k ProblemKind, nameValue ...any) error {
	return &ValidationError{Problem: NewProblem(k, nameValue...)}
}

// Ref names question number n (1-based) and its text for messages, as a
// Problem part: "Question 3 'Delivery speed'" (the text cut to 40
// characters), or "Question 3" when it has none.
func (q Question) Ref(n int) Problem {
	t := strings.TrimSpace(q.Text)
	if len([]rune(t)) > 40 {
		t = string([]rune(t)[:39]) + "…"
	}
	if t == "" {
		return NewProblem(KindQuestionRefBare, "N", n)
	}
	return NewProblem(KindQuestionRef, "N", n, "Text", t)
}

// Describe names question number n (1-based) and its text for messages in
// English: "Question 3 'Delivery speed'" (Ref as words).
func (q Question) Describe(n int) string { return q.Ref(n).String() }

// Validate checks a question's definition; n is its 1-based position.
func (q Question) Validate(n int) error {
	d := q.Ref(n)
	if strings.TrimSpace(q.Text) == "" {
		return invalid(KindNoText, "Question", d)
	}
	switch q.Kind {
	case KindRating:
		ok := q.Min == 1 || (q.Min == 0 && q.Max == MaxValue)
		if q.Min == 1 {
			ok = false
			for _, m := range RatingScales {
				ok = ok || q.Max == m
			}
		}
		if !ok {
			return invalid(KindBadRatingScale, "Question", d, "Min", q.Min, "Max", q.Max)
		}
	case KindNPS:
		if q.Min != 0 || q.Max != 10 {
			return invalid(KindBadNPSScale, "Question", d)
		}
	case KindCES:
		if q.Min != 1 || q.Max != 7 {
			return invalid(KindBadCESScale, "Question", d)
		}
	case KindYesNo:
		if q.Min != 0 || q.Max != 1 {
			return invalid(KindBadYesNoScale, "Question", d)
		}
	case KindChoice:
		if len(q.Choices) < 2 || len(q.Choices) > MaxChoices {
			return invalid(KindChoiceCount, "Question", d, "Max", MaxChoices, "N", len(q.Choices))
		}
		for i, c := range q.Choices {
			if strings.TrimSpace(c) == "" {
				return invalid(KindChoiceNoLabel, "Question", d, "N", i+1)
			}
		}
		if q.Min != 1 || q.Max != len(q.Choices) {
			return invalid(KindChoiceNumbering, "Question", d, "N", len(q.Choices))
		}
	case KindText:
		return nil
	default:
		return invalid(KindUnknownKind, "Question", d, "Kind", strconv.Quote(string(q.Kind)))
	}
	if len(q.Labels) != 0 && len(q.Labels) != q.Points() {
		return invalid(KindLabelCount, "Question", d, "N", len(q.Labels), "Points", q.Points())
	}
	if q.Kind != KindChoice && (q.SatisfiedFrom < q.Min || q.SatisfiedFrom > q.Max) {
		return invalid(KindCutoffOutside, "Question", d, "Value", q.SatisfiedFrom, "Min", q.Min, "Max", q.Max)
	}
	return nil
}

// reservedCodes are the export's own column names, which a question's code
// may not take.
var reservedCodes = map[string]bool{"response_id": true, "collected_at": true, "channel": true, "form_number": true, "comment": true}

// Validate checks the survey's definition: a name, at least one question,
// valid questions, unique IDs and code names.
func (s *Survey) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return invalid(KindNoSurveyName)
	}
	if len(s.Active()) == 0 {
		return invalid(KindNoQuestions, "Survey", s.Name)
	}
	ids := make(map[uint32]bool, len(s.Questions))
	codes := make(map[string]int, len(s.Questions))
	for i, q := range s.Questions {
		if q.ID == 0 {
			return invalid(KindNoQuestionID, "Question", q.Ref(i+1))
		}
		if ids[q.ID] {
			return invalid(KindSameQuestionID, "Question", q.Ref(i+1))
		}
		ids[q.ID] = true
		if err := q.Validate(i + 1); err != nil {
			return err
		}
		if c := strings.ToLower(strings.TrimSpace(q.Code)); c != "" && !q.Retired {
			if reservedCodes[c] {
				return invalid(KindReservedCode, "Question", q.Ref(i+1), "Code", q.Code)
			}
			if j, dup := codes[c]; dup {
				return invalid(KindSharedCode, "Question", q.Ref(i+1), "Other", j, "Code", q.Code)
			}
			codes[c] = i + 1
		}
	}
	return nil
}

// Segment selects a slice of responses in rollups and filters: every
// response (the zero Segment), one channel, or one value of a segment tag.
type Segment struct {
	Name  string `json:"name,omitempty"`  // "" (all), ChannelSegment, or a tag name
	Value string `json:"value,omitempty"` // the channel or tag value
}

// ChannelSegment is the Segment.Name that selects a channel. It is reserved:
// no tag may be called "channel".
const ChannelSegment = "channel"

// All reports whether s selects every response.
func (s Segment) All() bool { return s.Name == "" }

// ByChannel returns the segment of one channel.
func ByChannel(ch string) Segment { return Segment{Name: ChannelSegment, Value: ch} }

// ByTag returns the segment of one tag value.
func ByTag(name, value string) Segment { return Segment{Name: name, Value: value} }

// Segments returns the segments a response belongs to besides "all": its
// channel (if any) and each of its tags with a non-empty value.
func (r *Response) Segments() []Segment {
	out := make([]Segment, 0, 1+len(r.Tags))
	if r.Channel != "" {
		out = append(out, ByChannel(r.Channel))
	}
	for _, k := range r.TagNames() {
		if v := r.Tags[k]; v != "" {
			out = append(out, ByTag(k, v))
		}
	}
	return out
}
