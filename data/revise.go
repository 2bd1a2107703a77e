package data

import "errors"

// This file is where a survey is revised: the one rule every save of a
// survey goes through (the designer, the store's SaveSurvey, survey
// definition files on the command line), so that a stored answer never
// changes meaning.

// ChangeKind says what a revision did to one question.
type ChangeKind int

// The changes a revision makes to keep old answers meaningful.
const (
	// ChangeAdded: a question that was not asked before.
	ChangeAdded ChangeKind = iota + 1
	// ChangeKindOf: the question became another kind; the old one is
	// retired and the new one added with a fresh ID.
	ChangeKindOf
	// ChangeScale: the question's scale changed (retired and re-added).
	ChangeScale
	// ChangeCutoff: the satisfied cut-off changed (retired and re-added).
	ChangeCutoff
	// ChangeRemoved: the question is no longer asked; it stays retired for
	// the old answers.
	ChangeRemoved
)

// Change is one question-level change of a revision.
type Change struct {
	What ChangeKind
	// N is the 1-based position of the question: among the edited
	// survey's active questions, or for ChangeRemoved among the stored
	// survey's active questions.
	N int
	// Old is the question as stored (zero for ChangeAdded); New is the
	// question as it will be saved (zero for ChangeRemoved).
	Old, New Question
}

// Revision is what saving an edited survey over a stored one does.
type Revision struct {
	// Survey is the survey to store: the edited one with changed questions
	// retired and re-added, removed questions retired, and the version
	// bumped when needed.
	Survey Survey
	// Retired lists the questions this revision retires, as they were
	// stored (kept in Survey with Retired set).
	Retired []Question
	// Added lists the questions new in Survey, with their fresh IDs.
	Added []Question
	// Changes says what happened, for the user: empty when the survey has
	// no responses (every edit is then made in place).
	Changes []Change
	// Bumped reports whether Survey.Version is one more than the stored
	// version because questions changed meaning once responses existed.
	Bumped bool
}

// ErrRevision is wrapped by every RevisionError: a save that would change
// what stored answers mean, and which Revise cannot turn into a revision.
var ErrRevision = errors.New("survey revision refused")

// RevisionProblem is why Revise refuses an edited survey.
type RevisionProblem int

// The problems of an edited survey Revise refuses.
const (
	// ProblemOtherSurvey: the edited survey has another ID than the stored one.
	ProblemOtherSurvey RevisionProblem = iota + 1
	// ProblemReusedID: a question carries an ID that was used before and is
	// not in the stored survey (deleted, so its answers may exist).
	ProblemReusedID
	// ProblemDuplicateID: two questions of the edited survey share an ID.
	ProblemDuplicateID
	// ProblemRetiredBack: a retired question is asked again while
	// responses exist (add a new question instead).
	ProblemRetiredBack
	// ProblemRetiredChanged: a retired question's kind, scale or cut-off
	// changed while responses exist.
	ProblemRetiredChanged
)

// RevisionError is a refused revision: the problem and the question (its
// ID) it is about.
type RevisionError struct {
	Problem    RevisionProblem
	QuestionID uint32
}

func (e *RevisionError) Error() string { return e.UserProblem().String() }

// UserProblem returns the refusal as a Problem, for the window to
// translate.
func (e *RevisionError) UserProblem() Problem {
	switch e.Problem {
	case ProblemOtherSurvey:
		return NewProblem(KindRevisionOtherSurvey)
	case ProblemReusedID:
		return NewProblem(KindReusedQuestionID, "ID", e.QuestionID)
	case ProblemDuplicateID:
		return NewProblem(KindDuplicateQuestionID, "ID", e.QuestionID)
	case ProblemRetiredBack:
		return NewProblem(KindRetiredAskedAgain, "ID", e.QuestionID)
	case ProblemRetiredChanged:
		return NewProblem(KindRetiredChanged, "ID", e.QuestionID)
	}
	return NewProblem(KindRevisionProblem, "ID", e.QuestionID, "N", int(e.Problem))
}

// Unwrap lets errors.Is(err, ErrRevision) match.
func (e *RevisionError) Unwrap() error { return ErrRevision }

// MeaningChanged reports whether an answer to old would mean something
// else as an answer to q: a new kind, scale or cut-off. Text, code,
// labels, choices' wording and Required may change in place.
func MeaningChanged(old, q Question) bool {
	if old.Kind != q.Kind || old.Min != q.Min || old.Max != q.Max {
		return true
	}
	return old.Kind != KindChoice && old.Kind != KindText && old.SatisfiedFrom != q.SatisfiedFrom
}

// whatChanged classifies a meaning change of old into q.
func whatChanged(old, q Question) ChangeKind {
	switch {
	case old.Kind != q.Kind:
		return ChangeKindOf
	case old.Min != q.Min || old.Max != q.Max:
		return ChangeScale
	}
	return ChangeCutoff
}

// Revise returns the survey to store when edited is saved over old, and
// what that does. Header fields (name, description, business, language,
// archived) come from edited; ID and Created from old. Questions of edited
// with ID 0, or with an ID never used in old, are new and start with the
// version they are first asked in.
//
// Without responses every edit is made in place and removed questions are
// dropped. With responses a question is never changed in meaning in place:
// when its kind, scale or cut-off changed, the stored one is retired (kept
// for the old answers) and the edited one added with a fresh ID; a question
// left out (or marked retired) is retired; retired questions stay. Any of
// these bumps the version by one. The version never goes down, and Revise
// is idempotent: revising old with Revise(old, e, r).Survey changes nothing
// more. The error is a *RevisionError, or the first validation problem of
// the result.
func Revise(old, edited Survey, hasResponses bool) (Revision, error) {
	if old.ID != 0 && edited.ID != 0 && edited.ID != old.ID {
		return Revision{}, &RevisionError{Problem: ProblemOtherSurvey}
	}
	out := edited
	out.ID, out.Created = old.ID, old.Created
	base := max(old.Version, 1)
	out.Version = max(edited.Version, base)
	next := base + 1
	since := base
	if hasResponses {
		since = next
	}
	oldNext := max(old.NextQuestionID, 1)
	stored := make(map[uint32]Question, len(old.Questions))
	for _, q := range old.Questions {
		stored[q.ID] = q
		oldNext = max(oldNext, q.ID+1)
	}
	out.NextQuestionID = max(oldNext, edited.NextQuestionID)
	seen := make(map[uint32]bool, len(edited.Questions))
	for _, q := range edited.Questions {
		if q.ID == 0 {
			continue
		}
		if seen[q.ID] {
			return Revision{}, &RevisionError{Problem: ProblemDuplicateID, QuestionID: q.ID}
		}
		seen[q.ID] = true
		if _, ok := stored[q.ID]; !ok && q.ID < oldNext {
			return Revision{}, &RevisionError{Problem: ProblemReusedID, QuestionID: q.ID}
		}
		out.NextQuestionID = max(out.NextQuestionID, q.ID+1)
	}

	var rev Revision
	fresh := func(q Question) Question {
		if q.ID == 0 || stored[q.ID].ID == q.ID {
			q.ID = out.NextQuestionID
			out.NextQuestionID++
		}
		return q
	}
	active := make([]Question, 0, len(edited.Questions))
	keptActive := map[uint32]bool{} // stored active questions still asked as they are
	editedRetired := map[uint32]Question{}
	var extraRetired []Question // retired questions new to the survey
	n := 0
	for _, q := range edited.Questions {
		q.Labels, q.Choices = cloneStrings(q.Labels), cloneStrings(q.Choices)
		if q.Retired {
			if _, ok := stored[q.ID]; ok {
				editedRetired[q.ID] = q
			} else {
				q = fresh(q)
				// Never asked, so it makes no new version: it belongs to
				// the current one (never above the survey's version).
				q.SinceVersion, q.Replaces = base, 0
				extraRetired = append(extraRetired, q)
			}
			continue
		}
		n++
		o, known := stored[q.ID]
		switch {
		case !known:
			q = fresh(q)
			q.SinceVersion = since
			if _, ok := stored[q.Replaces]; !ok {
				q.Replaces = 0 // a link only ever names a stored question
			}
			rev.Added = append(rev.Added, q)
			if hasResponses {
				rev.Changes = append(rev.Changes, Change{What: ChangeAdded, N: n, New: q})
			}
		case o.Retired && hasResponses:
			return Revision{}, &RevisionError{Problem: ProblemRetiredBack, QuestionID: q.ID}
		case hasResponses && MeaningChanged(o, q):
			q = fresh(q)
			q.SinceVersion = next
			q.Replaces = o.ID
			rev.Added = append(rev.Added, q)
			rev.Changes = append(rev.Changes, Change{What: whatChanged(o, q), N: n, Old: o, New: q})
		default:
			q.SinceVersion, q.Replaces = o.SinceVersion, o.Replaces
			keptActive[q.ID] = true
		}
		active = append(active, q)
	}

	// Retired questions: those retired before (edited text kept), then
	// those this revision retires, in the stored order.
	var retired []Question
	for _, o := range old.Questions {
		if !o.Retired {
			continue
		}
		q, ok := editedRetired[o.ID]
		if !ok {
			if !seen[o.ID] {
				retired = append(retired, o) // left out: kept for the old answers
			}
			continue
		}
		if hasResponses && MeaningChanged(o, q) {
			return Revision{}, &RevisionError{Problem: ProblemRetiredChanged, QuestionID: o.ID}
		}
		q.Replaces = o.Replaces
		retired = append(retired, q)
	}
	changed := map[uint32]bool{}
	for _, c := range rev.Changes {
		if c.What != ChangeAdded {
			changed[c.Old.ID] = true
		}
	}
	for i, o := range old.Active() {
		if keptActive[o.ID] {
			continue
		}
		q, markedRetired := editedRetired[o.ID]
		if !hasResponses {
			if markedRetired { // unanswered, so retiring is the caller's choice
				retired = append(retired, q)
			}
			continue
		}
		o.Retired = true
		o.Labels, o.Choices = cloneStrings(o.Labels), cloneStrings(o.Choices)
		retired = append(retired, o)
		rev.Retired = append(rev.Retired, o)
		if !changed[o.ID] {
			rev.Changes = append(rev.Changes, Change{What: ChangeRemoved, N: i + 1, Old: o})
		}
	}
	out.Questions = append(append(active, retired...), extraRetired...)
	if hasResponses && len(rev.Changes) > 0 {
		out.Version = max(out.Version, next)
		rev.Bumped = true
	}
	if err := out.Validate(); err != nil {
		return Revision{}, err
	}
	rev.Survey = out
	return rev, nil
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}
