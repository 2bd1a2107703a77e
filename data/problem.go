package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ProblemKind names one kind of message for the user. Its value is the
// English sentence with a {{.Name}} placeholder for each argument — the
// same text the window uses as its translation key, so the English
// rendering and the key cannot drift apart (app/problems.go has a case per
// kind; a test there checks every kind has one).
type ProblemKind string

// Args are a Problem's arguments by placeholder name. A value is a string,
// an integer, or a Problem of its own (a part that is translated too, such
// as "Question 3 'Delivery speed'").
type Args map[string]any

// Problem is a message for the user as a value: what kind of problem, and
// with what (row, column, value, question, scale bounds…). Below the UI
// nothing turns it into words but String, in English (for the command line
// and logs); the window renders it in the user's language.
type Problem struct {
	Kind ProblemKind
	Args Args
}

// NewProblem returns a Problem of kind k with arguments given as
// name, value pairs.
func NewProblem(k ProblemKind, nameValue ...any) Problem {
	p := Problem{Kind: k}
	if len(nameValue) > 1 {
		p.Args = make(Args, len(nameValue)/2)
		for i := 0; i+1 < len(nameValue); i += 2 {
			name, _ := nameValue[i].(string)
			p.Args[name] = nameValue[i+1]
		}
	}
	return p
}

// IsZero reports whether p is no problem at all.
func (p Problem) IsZero() bool { return p.Kind == "" }

// String renders p in English.
func (p Problem) String() string { return Render(string(p.Kind), p.Args) }

// Render fills the {{.Name}} placeholders of template from args: strings as
// they are, integers in plain digits, a Problem in English words. A missing
// argument leaves its placeholder as it is.
func Render(template string, args Args) string {
	if !strings.Contains(template, "{{") {
		return template
	}
	var b strings.Builder
	b.Grow(len(template) + 32)
	for {
		i := strings.Index(template, "{{.")
		if i < 0 {
			break
		}
		j := strings.Index(template[i:], "}}")
		if j < 0 {
			break
		}
		b.WriteString(template[:i])
		name := template[i+3 : i+j]
		if v, ok := args[name]; ok {
			b.WriteString(ArgString(v))
		} else {
			b.WriteString(template[i : i+j+2])
		}
		template = template[i+j+2:]
	}
	b.WriteString(template)
	return b.String()
}

// ArgString writes one argument of a Problem in English.
func ArgString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case Problem:
		return v.String()
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// Error is a Problem as an error. Err, when set, is what it wraps — a
// sentinel such as ErrInvalid that callers branch on.
type Error struct {
	Problem Problem
	Err     error
}

// Error returns the problem in English.
func (e *Error) Error() string { return e.Problem.String() }

// Unwrap returns the wrapped sentinel.
func (e *Error) Unwrap() error { return e.Err }

// UserProblem returns the problem, for the window to translate.
func (e *Error) UserProblem() Problem { return e.Problem }

// Errorf returns k with its arguments (name, value pairs) as an *Error.
func Errorf(k ProblemKind, nameValue ...any) error {
	return &Error{Problem: NewProblem(k, nameValue...)}
}

// ProblemOf finds the Problem an error chain carries (any error with a
// UserProblem method: *Error, *ValidationError, *MissingAnswerError…).
func ProblemOf(err error) (Problem, bool) {
	var pe interface{ UserProblem() Problem }
	if errors.As(err, &pe) {
		if p := pe.UserProblem(); !p.IsZero() {
			return p, true
		}
	}
	return Problem{}, false
}

// The kinds of problem package data reports. The text of each is its
// English rendering; see ProblemKind.
const (
	// Naming a question: "Question 3 'Delivery speed'", or "Question 3"
	// when it has no text (Question.Ref).
	KindQuestionRef     ProblemKind = "Question {{.N}} '{{.Text}}'"
	KindQuestionRefBare ProblemKind = "Question {{.N}}"

	// A question's definition (Question.Validate).
	KindNoText           ProblemKind = "{{.Question}} has no text"
	KindBadRatingScale   ProblemKind = "{{.Question}}: a satisfaction scale must be 1–3, 1–4, 1–5, 1–6, 1–7, 1–10 or 0–10, not {{.Min}}–{{.Max}}"
	KindBadNPSScale      ProblemKind = "{{.Question}}: an NPS question is always 0–10"
	KindBadCESScale      ProblemKind = "{{.Question}}: an effort (CES) question is always 1–7"
	KindBadYesNoScale    ProblemKind = "{{.Question}}: a yes/no question must be stored as 0–1"
	KindChoiceCount      ProblemKind = "{{.Question}}: a choice question needs 2 to {{.Max}} choices, it has {{.N}}"
	KindChoiceNoLabel    ProblemKind = "{{.Question}}: choice {{.N}} has no label"
	KindChoiceNumbering  ProblemKind = "{{.Question}}: choices must be numbered 1–{{.N}}"
	KindUnknownKind      ProblemKind = "{{.Question}} has an unknown kind {{.Kind}}"
	KindLabelCount       ProblemKind = "{{.Question}} has {{.N}} labels for {{.Points}} scale points"
	KindCutoffOutside    ProblemKind = "{{.Question}}: the satisfied cut-off {{.Value}} is outside the {{.Min}}–{{.Max}} scale"
	KindQuestionIDTooBig ProblemKind = "question ID {{.ID}} is too large"

	// A survey's definition (Survey.Validate).
	KindNoSurveyName   ProblemKind = "the survey has no name"
	KindNoQuestions    ProblemKind = "survey '{{.Survey}}' has no questions"
	KindNoQuestionID   ProblemKind = "{{.Question}} has no ID"
	KindSameQuestionID ProblemKind = "{{.Question}} has the same ID as another question"
	KindReservedCode   ProblemKind = "{{.Question}}: the code name '{{.Code}}' is used by the export for something else; pick another"
	KindSharedCode     ProblemKind = "{{.Question}} and question {{.Other}} share the code name '{{.Code}}'"

	// A response (Response.Validate).
	KindOtherSurvey      ProblemKind = "the response belongs to survey {{.Survey}}, not {{.Want}}"
	KindNoDate           ProblemKind = "the response has no date"
	KindImplausibleDate  ProblemKind = "the date {{.Date}} is not plausible"
	KindUnknownAnswer    ProblemKind = "an answer refers to question #{{.ID}}, which survey '{{.Survey}}' does not have"
	KindTakesText        ProblemKind = "{{.Question}} takes text, not a number"
	KindOutsideScale     ProblemKind = "{{.Question}}: {{.Value}} is outside the {{.Min}}–{{.Max}} scale"
	KindUnknownComment   ProblemKind = "a comment refers to question #{{.ID}}, which survey '{{.Survey}}' does not have"
	KindTakesNumber      ProblemKind = "{{.Question}} takes a number, not text"
	KindRequired         ProblemKind = "{{.Question}} is required but has no answer"
	KindTagNoName        ProblemKind = "a segment tag has no name"
	KindTagCalledChannel ProblemKind = "a segment tag may not be called '{{.Tag}}': use the channel field"

	// A revision Revise refuses (RevisionError).
	KindRevisionOtherSurvey ProblemKind = "the edited survey is another survey"
	KindReusedQuestionID    ProblemKind = "question ID {{.ID}} was used before by a question that is gone"
	KindDuplicateQuestionID ProblemKind = "two questions have the ID {{.ID}}"
	KindRetiredAskedAgain   ProblemKind = "retired question {{.ID}} cannot be asked again once responses exist; add a new question"
	KindRetiredChanged      ProblemKind = "retired question {{.ID}} cannot change its kind, scale or cut-off"
	KindRevisionProblem     ProblemKind = "question {{.ID}}: revision problem {{.N}}"
)

// ProblemKinds lists every kind package data reports, for tests that check
// each has a translation.
var ProblemKinds = []ProblemKind{
	KindQuestionRef, KindQuestionRefBare,
	KindNoText, KindBadRatingScale, KindBadNPSScale, KindBadCESScale, KindBadYesNoScale,
	KindChoiceCount, KindChoiceNoLabel, KindChoiceNumbering, KindUnknownKind, KindLabelCount,
	KindCutoffOutside, KindQuestionIDTooBig,
	KindNoSurveyName, KindNoQuestions, KindNoQuestionID, KindSameQuestionID, KindReservedCode, KindSharedCode,
	KindOtherSurvey, KindNoDate, KindImplausibleDate, KindUnknownAnswer, KindTakesText, KindOutsideScale,
	KindUnknownComment, KindTakesNumber, KindRequired, KindTagNoName, KindTagCalledChannel,
	KindRevisionOtherSurvey, KindReusedQuestionID, KindDuplicateQuestionID, KindRetiredAskedAgain,
	KindRetiredChanged, KindRevisionProblem,
}
