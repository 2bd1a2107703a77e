package importer

import "csatdesk/data"

// The kinds of problem and note the importer reports, as data.ProblemKind:
// the text of each is its English rendering, with a {{.Name}} placeholder
// per argument; the window translates them (app/problems.go). Value
// arguments are quoted where the English sentence quotes them.
const (
	// Where a problem is: Problem.Message.
	KindAtRow  data.ProblemKind = "row {{.Row}}: {{.Reason}}"
	KindAtCell data.ProblemKind = "row {{.Row}}, column {{.Column}}: {{.Reason}}"
	// KindPlain is a reason that came as words only (Problem.Reason set
	// without Why): shown as it is.
	KindPlain data.ProblemKind = "{{.Text}}"

	// A cell that is not an answer (ParseValue and Converter.Convert).
	KindTakesText     data.ProblemKind = "this question takes text, not a score"
	KindBlank         data.ProblemKind = "blank"
	KindScoreOutOf    data.ProblemKind = "{{.Value}} is a score out of {{.Den}}, but this question's scale is {{.Min}}–{{.Max}}"
	KindNotWhole      data.ProblemKind = "{{.Value}} is not a whole number on the {{.Min}}–{{.Max}} scale"
	KindOutsideScale  data.ProblemKind = "{{.Value}} is outside the {{.Min}}–{{.Max}} scale"
	KindNotAChoice    data.ProblemKind = "{{.Value}} is not one of the {{.N}} choices"
	KindUnknownAnswer data.ProblemKind = "{{.Value}} is not an answer we recognise for this question ({{.Scale}}); to import such rows, give the answer a score under “Answers with no score” in step 2, Columns"
	KindScaleYesNo    data.ProblemKind = "yes or no"
	KindScaleChoices  data.ProblemKind = "one of {{.N}} choices"
	KindScaleRange    data.ProblemKind = "a {{.Min}}–{{.Max}} scale"

	// A cell that is not a date (ParseDate).
	KindBlankDate       data.ProblemKind = "the date is blank"
	KindImplausibleYear data.ProblemKind = "{{.Value}} is not a plausible date (year {{.Year}})"
	KindNotADate        data.ProblemKind = "{{.Value}} is not a date we recognise"
	KindOrderMismatch   data.ProblemKind = "{{.Value}} does not fit the {{.Order}} order of the other dates (there is no month {{.Month}})"
	KindNoMonth         data.ProblemKind = "{{.Value}} has no valid month"
	KindNoDay           data.ProblemKind = "{{.Value}} has no valid day ({{.Day}})"
	KindBadTime         data.ProblemKind = "{{.Value}}: {{.Why}}"
	KindTimeForm        data.ProblemKind = "the time of day is not in a form we recognise"
	KindAMPMHour        data.ProblemKind = "{{.Hour}} o'clock is not a valid AM/PM hour"
	KindTimeRange       data.ProblemKind = "the time of day is out of range"
	KindOrderMDY        data.ProblemKind = "month/day/year"
	KindOrderDMY        data.ProblemKind = "day.month.year"
	KindOrderYMD        data.ProblemKind = "year-month-day"

	// A row that cannot be imported (Converter.Convert, Run).
	KindExtraCells      data.ProblemKind = "the row has more cells than the header has columns ({{.N}}): a comma or separator inside a value that is not in quotes?"
	KindZeroBytes       data.ProblemKind = "the cell contains zero bytes: the file may be damaged or saved in another encoding"
	KindInvalidText     data.ProblemKind = "the cell has characters that are not valid text: check the file's encoding"
	KindRequiredBlank   data.ProblemKind = "no answer, but the question is required"
	KindAnswerTooLong   data.ProblemKind = "the answer is longer than {{.N}} KB"
	KindCommentTooLong  data.ProblemKind = "the comment is longer than {{.N}} KB"
	KindValueTooLong    data.ProblemKind = "the value is longer than {{.N}} characters"
	KindNotResponseID   data.ProblemKind = "not a CSAT Desk response ID (32 hex digits)"
	KindDateOutOfRange  data.ProblemKind = "the date {{.Date}} is not plausible (before 1990 or after 2200)"
	KindDuplicateID     data.ProblemKind = "the same response ID as row {{.Row}}: a response is imported once"
	KindCutOff          data.ProblemKind = "the last line stops short of the last column and has no line end: the file looks cut off; import a complete copy"
	KindMoreNotListed   data.ProblemKind = "{{.N}} more problems not listed"
	KindAlreadyImported data.ProblemKind = "already imported"

	// What an import into the store adds to its report (data/store/ingest).
	KindSameFileImported data.ProblemKind = "already imported: the same file was imported on {{.Date}}; nothing was imported again"
	KindReplacesSameFile data.ProblemKind = "replaces the import of the same file on {{.Date}} ({{.N}} responses)"
	KindWouldReplaceOne  data.ProblemKind = "dry run: would replace 1 response stored before (the same respondent ID or response ID)"
	KindWouldReplace     data.ProblemKind = "dry run: would replace {{.N}} responses stored before (the same respondent IDs or response IDs)"
	KindReplacedOne      data.ProblemKind = "replaced 1 response stored before (the same respondent ID or response ID)"
	KindReplaced         data.ProblemKind = "replaced {{.N}} responses stored before (the same respondent IDs or response IDs)"
	KindSurveyNotKept    data.ProblemKind = "no row could be imported, so the survey made from the file was not kept"

	// What a guess tells the user (Proposal.Notes, Source.Notes, Guess).
	KindOptionColumn     data.ProblemKind = "column {{.Column}} is one option of a “select all that apply” question; CSAT Desk keeps one answer per question, so it is not imported"
	KindAmbiguousDates   data.ProblemKind = "the dates in column {{.Column}} could be day first or month first; we read them {{.Order}}: please check"
	KindNoDateColumnNote data.ProblemKind = "no column holds the date of the responses: choose a date for all of them"
	KindUnmatchedColumn  data.ProblemKind = "column {{.Column}} matches no question of '{{.Survey}}'; it is not imported unless you map it"
	KindEmptyColumn      data.ProblemKind = "column {{.Column}} is empty; it is not imported"
	KindDecimalColumn    data.ProblemKind = "column {{.Column}} holds numbers with decimals, not scores; it is not imported"
	KindOneColumnNote    data.ProblemKind = "the file reads as one column: is {{.Separator}} the right separator?"
	KindOneColumn        data.ProblemKind = "{{.File}}: the file reads as one column: choose the right separator"
	KindNoAnswerColumns  data.ProblemKind = "{{.File}}: no column looks like answers to a question; map the columns by hand"
	KindComma            data.ProblemKind = "comma (,)"
	KindSemicolon        data.ProblemKind = "semicolon (;)"
	KindTab              data.ProblemKind = "tab"
	KindBar              data.ProblemKind = "bar (|)"

	// A file that cannot be read (the sentinel errors of the package).
	KindEmptyFile      data.ProblemKind = "the file is empty"
	KindNotSpreadsheet data.ProblemKind = "this is not a CSV or Excel (.xlsx) file"
	KindOldExcel       data.ProblemKind = "this is an old Excel (.xls) or password-protected workbook; in Excel use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then import that"
	KindRowTooLong     data.ProblemKind = "the row is too long to be real: a quotation mark (\") is probably missing its closing partner"
	KindUnclosedQuote  data.ProblemKind = "a quotation mark (\") opens this cell and is never closed, so the rest of the file would end up in it; fix the quote in the file and import again"
	KindNoRows         data.ProblemKind = "the file has column names but no responses below them"

	// A mapping that cannot be used (Mapping.Validate).
	KindNoSuchColumn     data.ProblemKind = "column {{.N}} does not exist"
	KindMappedTwice      data.ProblemKind = "column {{.Column}} is mapped twice"
	KindNoSuchQuestion   data.ProblemKind = "column {{.Column}} is mapped to a question survey '{{.Survey}}' does not have"
	KindSameQuestion     data.ProblemKind = "columns {{.Other}} and {{.Column}} both hold the answers to '{{.Question}}'; choose one"
	KindTagWithoutName   data.ProblemKind = "column {{.Column}} is a segment tag without a name"
	KindTagIsChannel     data.ProblemKind = "column {{.Column}}: a segment tag may not be called '{{.Tag}}'; map the column as the channel"
	KindSameTag          data.ProblemKind = "columns {{.Other}} and {{.Column}} are both the tag '{{.Tag}}'"
	KindSameTarget       data.ProblemKind = "columns {{.Other}} and {{.Column}} are both mapped as {{.Target}}; choose one"
	KindUnknownTarget    data.ProblemKind = "column {{.Column}} has an unknown target {{.N}}"
	KindRequiredUnmapped data.ProblemKind = "{{.Question}} is required, but no column holds its answers: map a column to it or make it optional"
	KindNoDateColumn     data.ProblemKind = "no column holds the date of the responses: map one, or choose a date for all of them"
	KindTargetDate       data.ProblemKind = "the date"
	KindTargetChannel    data.ProblemKind = "the channel"
	KindTargetFormNumber data.ProblemKind = "the form number"
	KindTargetRespondent data.ProblemKind = "the respondent ID"
	KindTargetResponseID data.ProblemKind = "the CSAT Desk response ID"
	KindTargetOther      data.ProblemKind = "{{.Target}}"
)

// ProblemKinds lists every kind the importer reports, for tests that check
// each has a translation.
var ProblemKinds = []data.ProblemKind{
	KindAtRow, KindAtCell, KindPlain,
	KindTakesText, KindBlank, KindScoreOutOf, KindNotWhole, KindOutsideScale, KindNotAChoice, KindUnknownAnswer,
	KindScaleYesNo, KindScaleChoices, KindScaleRange,
	KindBlankDate, KindImplausibleYear, KindNotADate, KindOrderMismatch, KindNoMonth, KindNoDay, KindBadTime,
	KindTimeForm, KindAMPMHour, KindTimeRange, KindOrderMDY, KindOrderDMY, KindOrderYMD,
	KindExtraCells, KindZeroBytes, KindInvalidText, KindRequiredBlank, KindAnswerTooLong, KindCommentTooLong,
	KindValueTooLong, KindNotResponseID, KindDateOutOfRange, KindDuplicateID, KindCutOff, KindMoreNotListed,
	KindAlreadyImported, KindSameFileImported, KindReplacesSameFile, KindWouldReplaceOne, KindWouldReplace,
	KindReplacedOne, KindReplaced, KindSurveyNotKept,
	KindOptionColumn, KindAmbiguousDates, KindNoDateColumnNote, KindUnmatchedColumn, KindEmptyColumn,
	KindDecimalColumn, KindOneColumnNote, KindOneColumn, KindNoAnswerColumns, KindComma, KindSemicolon, KindTab, KindBar,
	KindEmptyFile, KindNotSpreadsheet, KindOldExcel, KindRowTooLong, KindUnclosedQuote, KindNoRows,
	KindNoSuchColumn, KindMappedTwice, KindNoSuchQuestion, KindSameQuestion, KindTagWithoutName, KindTagIsChannel,
	KindSameTag, KindSameTarget, KindUnknownTarget, KindRequiredUnmapped, KindNoDateColumn,
	KindTargetDate, KindTargetChannel, KindTargetFormNumber, KindTargetRespondent, KindTargetResponseID, KindTargetOther,
}

// Notes are things the user should know about a file or a guess, as
// values (see data.Problem).
type Notes []data.Problem

// Strings returns the notes in English.
func (n Notes) Strings() []string {
	if n == nil {
		return nil
	}
	out := make([]string, len(n))
	for i, p := range n {
		out[i] = p.String()
	}
	return out
}

// note returns a note of kind k with arguments as name, value pairs.
func note(k data.ProblemKind, nameValue ...any) data.Problem {
	return data.NewProblem(k, nameValue...)
}

// sentinel returns a sentinel error of kind k: errors.Is matches it by
// identity, and the window translates it (data.ProblemOf).
func sentinel(k data.ProblemKind) error { return &data.Error{Problem: note(k)} }

// problemError returns k with its arguments as an error (*data.Error).
func problemError(k data.ProblemKind, nameValue ...any) error {
	return data.Errorf(k, nameValue...)
}

// why returns the Problem an error carries, or the error's words as a
// KindPlain problem.
func why(err error) data.Problem {
	if p, ok := data.ProblemOf(err); ok {
		return p
	}
	return data.NewProblem(KindPlain, "Text", err.Error())
}

// NewProblem returns the problem of one cell (col ≥ 0, named column) or a
// whole row (col -1, column ""), or a note about the whole import (row 0),
// with Reason its English words.
func NewProblem(row, col int, column, value string, why data.Problem) Problem {
	return newProblem(row, col, column, value, why)
}

// newProblem is NewProblem.
func newProblem(row, col int, column, value string, w data.Problem) Problem {
	return Problem{Row: row, Col: col, Column: column, Value: value, Reason: w.String(), Why: w}
}

// Message returns the whole problem — where and why — as a value:
// "row 12, column C (Overall satisfaction): 6 is outside the 1–5 scale".
func (p Problem) Message() data.Problem {
	w := p.Explain()
	if p.Row <= 0 { // a note about the whole file, such as what was replaced
		return w
	}
	if p.Column != "" {
		return data.NewProblem(KindAtCell, "Row", p.Row, "Column", p.Column, "Reason", w)
	}
	return data.NewProblem(KindAtRow, "Row", p.Row, "Reason", w)
}

// Explain returns the reason as a value: Why, or Reason as KindPlain words
// when the problem was made with words only.
func (p Problem) Explain() data.Problem {
	if !p.Why.IsZero() {
		return p.Why
	}
	return data.NewProblem(KindPlain, "Text", p.Reason)
}
