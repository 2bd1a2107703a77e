package app

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
	"csatdesk/data/surveyfile"
)

// Problems (data.Problem: a kind and its arguments) are the messages the
// layers below app give the user: validation problems of surveys and
// responses, import problems and notes. They read in English by
// themselves; here they become the user's language. problemWords has a
// case per kind, its key the kind's English text (the test
// TestEveryProblemKindHasATranslation holds the two lists in step).

// problemWords writes p in the UI language; parts that are problems of
// their own ("Question 3 'Delivery speed'") are translated too. A kind
// without a case reads in English.
func problemWords(p data.Problem) string {
	args := make(map[string]any, len(p.Args))
	for k, v := range p.Args {
		if sub, ok := v.(data.Problem); ok {
			args[k] = problemWords(sub)
		} else {
			args[k] = data.ArgString(v)
		}
	}
	switch p.Kind {
	case importer.KindPlain:
		return data.ArgString(p.Args["Text"])
	case data.KindQuestionRef:
		return lang.L("Question {{.N}} '{{.Text}}'", args)
	case store.KindRestoreStoredAgain:
		return lang.L("a response with the ID {{.ID}} is stored again", args)
	case store.KindRestoreImportGone:
		return lang.L("response {{.ID}} came from an imported file that was removed or replaced since", args)
	case store.KindRestoreRespondentAgain:
		return lang.L("a response of respondent “{{.Respondent}}” was stored since; restoring {{.ID}} would count the respondent twice", args)
	case data.KindQuestionRefBare:
		return lang.L("Question {{.N}}", args)
	case data.KindNoText:
		return lang.L("{{.Question}} has no text", args)
	case data.KindBadRatingScale:
		return lang.L("{{.Question}}: a satisfaction scale must be 1–3, 1–4, 1–5, 1–6, 1–7, 1–10 or 0–10, not {{.Min}}–{{.Max}}", args)
	case data.KindBadNPSScale:
		return lang.L("{{.Question}}: an NPS question is always 0–10", args)
	case data.KindBadCESScale:
		return lang.L("{{.Question}}: an effort (CES) question is always 1–7", args)
	case data.KindBadYesNoScale:
		return lang.L("{{.Question}}: a yes/no question must be stored as 0–1", args)
	case data.KindChoiceCount:
		return lang.L("{{.Question}}: a choice question needs 2 to {{.Max}} choices, it has {{.N}}", args)
	case data.KindChoiceNoLabel:
		return lang.L("{{.Question}}: choice {{.N}} has no label", args)
	case data.KindChoiceNumbering:
		return lang.L("{{.Question}}: choices must be numbered 1–{{.N}}", args)
	case data.KindUnknownKind:
		return lang.L("{{.Question}} has an unknown kind {{.Kind}}", args)
	case data.KindLabelCount:
		return lang.L("{{.Question}} has {{.N}} labels for {{.Points}} scale points", args)
	case data.KindCutoffOutside:
		return lang.L("{{.Question}}: the satisfied cut-off {{.Value}} is outside the {{.Min}}–{{.Max}} scale", args)
	case data.KindQuestionIDTooBig:
		return lang.L("question ID {{.ID}} is too large", args)
	case data.KindNoSurveyName:
		return lang.L("the survey has no name", args)
	case data.KindNoQuestions:
		return lang.L("survey '{{.Survey}}' has no questions", args)
	case data.KindNoQuestionID:
		return lang.L("{{.Question}} has no ID", args)
	case data.KindSameQuestionID:
		return lang.L("{{.Question}} has the same ID as another question", args)
	case data.KindReservedCode:
		return lang.L("{{.Question}}: the code name '{{.Code}}' is used by the export for something else; pick another", args)
	case data.KindSharedCode:
		return lang.L("{{.Question}} and question {{.Other}} share the code name '{{.Code}}'", args)
	case data.KindOtherSurvey:
		return lang.L("the response belongs to survey {{.Survey}}, not {{.Want}}", args)
	case data.KindNoDate:
		return lang.L("the response has no date", args)
	case data.KindImplausibleDate:
		return lang.L("the date {{.Date}} is not plausible", args)
	case data.KindUnknownAnswer:
		return lang.L("an answer refers to question #{{.ID}}, which survey '{{.Survey}}' does not have", args)
	case data.KindTakesText:
		return lang.L("{{.Question}} takes text, not a number", args)
	case data.KindOutsideScale:
		return lang.L("{{.Question}}: {{.Value}} is outside the {{.Min}}–{{.Max}} scale", args)
	case data.KindUnknownComment:
		return lang.L("a comment refers to question #{{.ID}}, which survey '{{.Survey}}' does not have", args)
	case data.KindTakesNumber:
		return lang.L("{{.Question}} takes a number, not text", args)
	case data.KindRequired:
		return lang.L("{{.Question}} is required but has no answer", args)
	case data.KindTagNoName:
		return lang.L("a segment tag has no name", args)
	case data.KindTagCalledChannel:
		return lang.L("a segment tag may not be called '{{.Tag}}': use the channel field", args)
	case data.KindRevisionOtherSurvey:
		return lang.L("the edited survey is another survey", args)
	case data.KindReusedQuestionID:
		return lang.L("question ID {{.ID}} was used before by a question that is gone", args)
	case data.KindDuplicateQuestionID:
		return lang.L("two questions have the ID {{.ID}}", args)
	case data.KindRetiredAskedAgain:
		return lang.L("retired question {{.ID}} cannot be asked again once responses exist; add a new question", args)
	case data.KindRetiredChanged:
		return lang.L("retired question {{.ID}} cannot change its kind, scale or cut-off", args)
	case data.KindRevisionProblem:
		return lang.L("question {{.ID}}: revision problem {{.N}}", args)
	case importer.KindAtRow:
		return lang.L("row {{.Row}}: {{.Reason}}", args)
	case importer.KindAtCell:
		return lang.L("row {{.Row}}, column {{.Column}}: {{.Reason}}", args)
	case importer.KindTakesText:
		return lang.L("this question takes text, not a score", args)
	case importer.KindBlank:
		return lang.L("blank", args)
	case importer.KindScoreOutOf:
		return lang.L("{{.Value}} is a score out of {{.Den}}, but this question's scale is {{.Min}}–{{.Max}}", args)
	case importer.KindNotWhole:
		return lang.L("{{.Value}} is not a whole number on the {{.Min}}–{{.Max}} scale", args)
	case importer.KindOutsideScale:
		return lang.L("{{.Value}} is outside the {{.Min}}–{{.Max}} scale", args)
	case importer.KindNotAChoice:
		return lang.L("{{.Value}} is not one of the {{.N}} choices", args)
	case importer.KindUnknownAnswer:
		return lang.L("{{.Value}} is not an answer we recognise for this question ({{.Scale}}); to import such rows, give the answer a score under “Answers with no score” in step 2, Columns", args)
	case importer.KindScaleYesNo:
		return lang.L("yes or no", args)
	case importer.KindScaleChoices:
		return lang.L("one of {{.N}} choices", args)
	case importer.KindScaleRange:
		return lang.L("a {{.Min}}–{{.Max}} scale", args)
	case importer.KindBlankDate:
		return lang.L("the date is blank", args)
	case importer.KindImplausibleYear:
		return lang.L("{{.Value}} is not a plausible date (year {{.Year}})", args)
	case importer.KindNotADate:
		return lang.L("{{.Value}} is not a date we recognise", args)
	case importer.KindOrderMismatch:
		return lang.L("{{.Value}} does not fit the {{.Order}} order of the other dates (there is no month {{.Month}})", args)
	case importer.KindNoMonth:
		return lang.L("{{.Value}} has no valid month", args)
	case importer.KindNoDay:
		return lang.L("{{.Value}} has no valid day ({{.Day}})", args)
	case importer.KindBadTime:
		return lang.L("{{.Value}}: {{.Why}}", args)
	case importer.KindTimeForm:
		return lang.L("the time of day is not in a form we recognise", args)
	case importer.KindAMPMHour:
		return lang.L("{{.Hour}} o'clock is not a valid AM/PM hour", args)
	case importer.KindTimeRange:
		return lang.L("the time of day is out of range", args)
	case importer.KindOrderMDY:
		return lang.L("month/day/year", args)
	case importer.KindOrderDMY:
		return lang.L("day.month.year", args)
	case importer.KindOrderYMD:
		return lang.L("year-month-day", args)
	case importer.KindExtraCells:
		return lang.L("the row has more cells than the header has columns ({{.N}}): a comma or separator inside a value that is not in quotes?", args)
	case importer.KindZeroBytes:
		return lang.L("the cell contains zero bytes: the file may be damaged or saved in another encoding", args)
	case importer.KindInvalidText:
		return lang.L("the cell has characters that are not valid text: check the file's encoding", args)
	case importer.KindRequiredBlank:
		return lang.L("no answer, but the question is required", args)
	case importer.KindAnswerTooLong:
		return lang.L("the answer is longer than {{.N}} KB", args)
	case importer.KindCommentTooLong:
		return lang.L("the comment is longer than {{.N}} KB", args)
	case importer.KindValueTooLong:
		return lang.L("the value is longer than {{.N}} characters", args)
	case importer.KindNotResponseID:
		return lang.L("not a CSAT Desk response ID (32 hex digits)", args)
	case importer.KindDateOutOfRange:
		return lang.L("the date {{.Date}} is not plausible (before 1990 or after 2200)", args)
	case importer.KindDuplicateID:
		return lang.L("the same response ID as row {{.Row}}: a response is imported once", args)
	case importer.KindCutOff:
		return lang.L("the last line stops short of the last column and has no line end: the file looks cut off; import a complete copy", args)
	case importer.KindMoreNotListed:
		return lang.L("{{.N}} more problems not listed", args)
	case importer.KindAlreadyImported:
		return lang.L("already imported", args)
	case importer.KindSameFileImported:
		return lang.L("already imported: the same file was imported on {{.Date}}; nothing was imported again", args)
	case importer.KindReplacesSameFile:
		return lang.L("replaces the import of the same file on {{.Date}} ({{.N}} responses)", args)
	case importer.KindWouldReplaceOne:
		return lang.L("dry run: would replace 1 response stored before (the same respondent ID or response ID)", args)
	case importer.KindWouldReplace:
		return lang.L("dry run: would replace {{.N}} responses stored before (the same respondent IDs or response IDs)", args)
	case importer.KindReplacedOne:
		return lang.L("replaced 1 response stored before (the same respondent ID or response ID)", args)
	case importer.KindReplaced:
		return lang.L("replaced {{.N}} responses stored before (the same respondent IDs or response IDs)", args)
	case importer.KindSurveyNotKept:
		return lang.L("no row could be imported, so the survey made from the file was not kept", args)
	case importer.KindOptionColumn:
		return lang.L("column {{.Column}} is one option of a “select all that apply” question; CSAT Desk keeps one answer per question, so it is not imported", args)
	case importer.KindAmbiguousDates:
		return lang.L("the dates in column {{.Column}} could be day first or month first; we read them {{.Order}}: please check", args)
	case importer.KindNoDateColumnNote:
		return lang.L("no column holds the date of the responses: choose a date for all of them", args)
	case importer.KindUnmatchedColumn:
		return lang.L("column {{.Column}} matches no question of '{{.Survey}}'; it is not imported unless you map it", args)
	case importer.KindEmptyColumn:
		return lang.L("column {{.Column}} is empty; it is not imported", args)
	case importer.KindDecimalColumn:
		return lang.L("column {{.Column}} holds numbers with decimals, not scores; it is not imported", args)
	case importer.KindOneColumnNote:
		return lang.L("the file reads as one column: is {{.Separator}} the right separator?", args)
	case importer.KindOneColumn:
		return lang.L("{{.File}}: the file reads as one column: choose the right separator", args)
	case importer.KindNoAnswerColumns:
		return lang.L("{{.File}}: no column looks like answers to a question; map the columns by hand", args)
	case importer.KindComma:
		return lang.L("comma (,)", args)
	case importer.KindSemicolon:
		return lang.L("semicolon (;)", args)
	case importer.KindTab:
		return lang.L("tab", args)
	case importer.KindBar:
		return lang.L("bar (|)", args)
	case importer.KindEmptyFile:
		return lang.L("the file is empty", args)
	case importer.KindNotSpreadsheet:
		return lang.L("this is not a CSV or Excel (.xlsx) file", args)
	case importer.KindOldExcel:
		return lang.L("this is an old Excel (.xls) or password-protected workbook; in Excel use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then import that", args)
	case importer.KindRowTooLong:
		return lang.L("the row is too long to be real: a quotation mark (\") is probably missing its closing partner", args)
	case importer.KindUnclosedQuote:
		return lang.L("a quotation mark (\") opens this cell and is never closed, so the rest of the file would end up in it; fix the quote in the file and import again", args)
	case importer.KindNoRows:
		return lang.L("the file has column names but no responses below them", args)
	case importer.KindInFile:
		return lang.L("{{.File}}: {{.Reason}}", args)
	case importer.KindResultsTable:
		return lang.L("this is a table of results ({{.Columns}}), not one row per response: export the individual responses from the survey tool and import those", args)
	case importer.KindLooksLike:
		return lang.L("not a spreadsheet: this looks like {{.What}}", args)
	case importer.KindGzip:
		return lang.L("a gzip archive; unpack it first and import the file inside", args)
	case importer.KindArchive:
		return lang.L("a compressed archive (7z, RAR, bzip2, xz or zstd); unpack it first and import the file inside", args)
	case importer.KindZipNotWorkbook:
		return lang.L("a zip archive, not an Excel workbook; unpack it first and import the file inside", args)
	case importer.KindODS:
		return lang.L("an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx) or CSV UTF-8 and import that", args)
	case importer.KindWordDocument:
		return lang.L("a Word or PowerPoint document", args)
	case importer.KindPDF:
		return lang.L("a PDF document", args)
	case importer.KindImage:
		return lang.L("an image", args)
	case importer.KindRTF:
		return lang.L("an RTF text document", args)
	case importer.KindExecutable:
		return lang.L("a program or library", args)
	case importer.KindWorkbookDamaged:
		return lang.L("the workbook is damaged or incomplete; open it in Excel, save it again and import the copy", args)
	case importer.KindWorkbookTooBig:
		return lang.L("the workbook unpacks to {{.MB}} MB, far more than a survey export: it is damaged or not what it seems", args)
	case importer.KindTooManyColumns:
		return lang.L("row {{.Row}} has {{.N}} columns, more than the {{.Max}} CSAT Desk reads: is this one row per response, and is the separator right?", args)
	case importer.KindTooManySheetCols:
		return lang.L("row {{.Row}} of sheet '{{.Sheet}}' has {{.N}} columns, more than the {{.Max}} CSAT Desk reads: is this one row per response?", args)
	case importer.KindMixedEncoding:
		return lang.L("part of the file is Unicode (UTF-8) and part is not, as if rows were saved in different encodings: some letters may look wrong; check the preview and choose the encoding most of the text is in", args)
	case importer.KindAggregateTable:
		return lang.L("this is a summary table (one row per statement, with the number of answers for each point of the scale: {{.Columns}}), not one row per response: export the individual responses from the survey tool and import those", args)
	case importer.KindNoSuchColumn:
		return lang.L("column {{.N}} does not exist", args)
	case importer.KindMappedTwice:
		return lang.L("column {{.Column}} is mapped twice", args)
	case importer.KindNoSuchQuestion:
		return lang.L("column {{.Column}} is mapped to a question survey '{{.Survey}}' does not have", args)
	case importer.KindSameQuestion:
		return lang.L("columns {{.Other}} and {{.Column}} both hold the answers to '{{.Question}}'; choose one", args)
	case importer.KindTagWithoutName:
		return lang.L("column {{.Column}} is a segment tag without a name", args)
	case importer.KindTagIsChannel:
		return lang.L("column {{.Column}}: a segment tag may not be called '{{.Tag}}'; map the column as the channel", args)
	case importer.KindSameTag:
		return lang.L("columns {{.Other}} and {{.Column}} are both the tag '{{.Tag}}'", args)
	case importer.KindSameTarget:
		return lang.L("columns {{.Other}} and {{.Column}} are both mapped as {{.Target}}; choose one", args)
	case importer.KindUnknownTarget:
		return lang.L("column {{.Column}} has an unknown target {{.N}}", args)
	case importer.KindRequiredUnmapped:
		return lang.L("{{.Question}} is required, but no column holds its answers: map a column to it or make it optional", args)
	case importer.KindNoDateColumn:
		return lang.L("no column holds the date of the responses: map one, or choose a date for all of them", args)
	case importer.KindTargetDate:
		return lang.L("the date", args)
	case importer.KindTargetChannel:
		return lang.L("the channel", args)
	case importer.KindTargetFormNumber:
		return lang.L("the form number", args)
	case importer.KindTargetRespondent:
		return lang.L("the respondent ID", args)
	case importer.KindTargetResponseID:
		return lang.L("the CSAT Desk response ID", args)
	case importer.KindTargetOther:
		return lang.L("{{.Target}}", args)
	case surveyfile.KindNotSurveyFile:
		return lang.L("not a CSAT Desk survey file", args)
	case surveyfile.KindTooLarge:
		return lang.L("not a CSAT Desk survey file: the file is larger than {{.MB}} MB", args)
	case surveyfile.KindEmptyFile:
		return lang.L("not a CSAT Desk survey file: the file is empty", args)
	case surveyfile.KindFormatDetail:
		return lang.L("not a CSAT Desk survey file: {{.Detail}}", args)
	case surveyfile.KindNoFormatField:
		return lang.L("not a CSAT Desk survey file: the \"format\" field is missing", args)
	case surveyfile.KindOtherFormat:
		return lang.L("not a CSAT Desk survey file: the \"format\" field is {{.Format}}, want {{.Want}}", args)
	case surveyfile.KindNoVersionField:
		return lang.L("not a CSAT Desk survey file: the \"version\" field is missing", args)
	case surveyfile.KindNewerVersion:
		return lang.L("not a CSAT Desk survey file: the file is version {{.Version}}, made by a newer CSAT Desk; this one reads version {{.Reads}} — please update", args)
	case surveyfile.KindBadVersion:
		return lang.L("not a CSAT Desk survey file: the \"version\" field is {{.Version}}, want 1 to {{.Max}}", args)
	case surveyfile.KindNoSurveyField:
		return lang.L("not a CSAT Desk survey file: the \"survey\" field is missing", args)
	case surveyfile.KindNotJSON:
		return lang.L("the file is not valid JSON (line {{.Line}}: {{.Detail}})", args)
	case surveyfile.KindWrongType:
		return lang.L("the field {{.Field}} holds {{.Value}} where {{.Type}} is expected (line {{.Line}})", args)
	case surveyfile.KindCutShort:
		return lang.L("the file is empty or cut short", args)
	case surveyfile.KindInvalidSurvey:
		return lang.L("the survey in the file is invalid: {{.Why}}", args)
	}
	return p.String()
}

// contextError is an error with words the window put before it, already
// in the UI language (withContext).
type contextError struct {
	words string
	err   error
}

func (e *contextError) Error() string { return e.words + " " + e.err.Error() }

func (e *contextError) Unwrap() error { return e.err }

// withContext puts words of the window (translated) before err; errorText
// then translates err and keeps the words.
func withContext(words string, err error) error { return &contextError{words: words, err: err} }

// errorText is err for the user: in the UI language when it carries a
// problem (data.ProblemOf: validation errors, the importer's errors and
// sentinels), else its own words.
func errorText(err error) string {
	if err == nil {
		return ""
	}
	var c *contextError
	if errors.As(err, &c) {
		return c.words + " " + errorText(c.err)
	}
	if p, ok := data.ProblemOf(err); ok {
		return problemWords(p)
	}
	return err.Error()
}

// reasonText is why an import problem kept its row out, in the UI
// language.
func reasonText(p importer.Problem) string { return problemWords(p.Explain()) }

// noteTexts are notes of the importer in the UI language.
func noteTexts(ns importer.Notes) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = problemWords(n)
	}
	return out
}
