package store

import "csatdesk/data"

// The kinds of problem the store reports to the person at the keyboard
// (the rest of its errors are about a damaged file or a caller's mistake).
// As everywhere below the window, the kind is the English sentence; the
// window translates it (app/problems.go).
const (
	// KindRestoreStoredAgain: undoing a delete found the response's ID
	// stored again.
	KindRestoreStoredAgain data.ProblemKind = "a response with the ID {{.ID}} is stored again"
	// KindRestoreImportGone: the deleted response came with an import that
	// was removed or replaced since.
	KindRestoreImportGone data.ProblemKind = "response {{.ID}} came from an imported file that was removed or replaced since"
	// KindRestoreRespondentAgain: another response of the same respondent
	// was stored since the delete.
	KindRestoreRespondentAgain data.ProblemKind = "a response of respondent “{{.Respondent}}” was stored since; restoring {{.ID}} would count the respondent twice"
)

// ProblemKinds lists every kind the store reports, for tests that check
// each has a translation.
var ProblemKinds = []data.ProblemKind{KindRestoreStoredAgain, KindRestoreImportGone, KindRestoreRespondentAgain}

// problem returns kind k with its arguments as an error wrapping sentinel.
func problem(sentinel error, k data.ProblemKind, nameValue ...any) error {
	return &data.Error{Problem: data.NewProblem(k, nameValue...), Err: sentinel}
}
