// Package importer reads survey responses from CSV and XLSX files made by
// spreadsheets and survey services, and turns them into data.Response
// values for the store to write. It is pure Go and knows nothing of the UI
// or of bbolt; the import wizard and the store call it.
//
// # Files
//
// Open looks at a file's first 64 KB and decides, for the user to confirm:
//
//   - the format: XLSX (a zip) or text. Old .xls workbooks, PDFs and the like
//     are refused with ErrOldExcel or ErrNotSpreadsheet.
//   - the encoding of text: UTF-8 with or without a BOM; UTF-16LE/BE with a
//     BOM (Excel's "Unicode text") or without one (NUL in every other byte);
//     else Windows-1251, -1252 or -1257 by letter statistics
//     (Source.EncodingGuessed is then true: ask). encoding/csv alone would
//     keep a BOM in the first header and read UTF-16 as garbage.
//   - the delimiter: , ; tab or |, whichever splits the first rows into the
//     same number of cells as the header. A ;-file read with , would be one
//     column per row; a note says so when it happens anyway.
//   - the sheet (XLSX): the first, unless Options.Sheet picks another of
//     Source.Sheets.
//   - the header: leading blank rows skipped; one row, or two when the
//     layout says so (SurveyMonkey), when an XLSX header has merged cells, or
//     when the second row fills gaps of the first with names and the rows
//     below hold data. Two rows merge into one name per column, "Top / Sub",
//     a merged or spanning top name repeated over its sub-columns.
//   - the layout (Layout): Google Forms (Timestamp, in several languages),
//     SurveyMonkey (Respondent ID, Collector ID), Typeform (#, Submit Date
//     (UTC)), CSAT Desk's own export (response_id, collected_at), or generic.
//
// A CSV file is parsed with encoding/csv, leniently: bare quotes inside
// cells are kept as text, rows may be ragged, line breaks inside quotes are
// part of the cell (CRLF or LF). Rows are streamed (File.Rows), so memory
// stays bounded whatever the file's size; a row over MaxRowBytes, or a quote
// that is never closed (it would swallow the rest of the file), stops the
// import with a CellError naming the row and column.
//
// Rows are numbered as a spreadsheet shows them: the first line is row 1,
// a blank line is a row, a line break inside a quoted cell is not.
//
// # Mapping
//
// Scan reads the file once and profiles each column (distinct values, date
// evidence). Guess then proposes a Mapping — each column to a question,
// the date, the channel, a segment tag, the form number, the respondent ID,
// a comment, or ignored — from header words in English, Russian, Latvian,
// Italian and Chinese and from the values. Given an existing survey it
// matches columns to questions by code, q<ID> or text; given none it makes a
// survey, inferring each question's kind and scale from the values: numbers
// (a 1–5 rating, 0–10 NPS…), scale labels, stars, faces, yes/no words;
// few repeated answers make a choice question, anything else text. Values
// it cannot score are listed in Proposal.Unmapped for the user to assign
// (ColumnMap.ValueMap).
//
// ParseValue reads one answer: "4", "4,0", "4/5", "4 из 5", "5 - Very
// satisfied", labels such as "Very satisfied", "Очень доволен", "Ļoti
// apmierināts", "Molto soddisfatto", "非常满意" or "非常滿意" (3-, 5- and 7-point
// satisfaction, agreement, ease, likelihood and quality scales), "★★★★☆",
// 😞 🙁 😐 🙂 😀, yes/no words. Matching ignores case, spacing,
// punctuation, width and Unicode form (NFC), and, as a last resort,
// diacritics ("loti apmierinats").
//
// Guess works from a profile of the first rows as well as of the whole
// file (Profile.Partial: no question is then required). Metadata and
// counts (lastpage, Progress, Duration, "how many times…?", a Google Forms
// quiz's Score, option codes, 0/1 option columns, ranges like "3-4 hours",
// row numbers) are not rating questions; the question that asks how
// satisfied (in any language we read) is put first among the ratings, so
// it is the survey's main CSAT (Proposal.Main), and the recommend question
// first among the NPS ones. Answers that mean "no answer" ("N/A", "99"
// outside the scale, "Не знаю", "*redacted*"; Mapping.NoAnswer, default
// DefaultNoAnswer) are blank answers, listed in Proposal.NoAnswer and
// counted in Report.NoAnswer. Without a date column Proposal.NoDate asks
// for one date for all rows (Mapping.DefaultDate, also used for blank date
// cells; Report.DefaultDated counts them). Responses LimeSurvey marks as
// unfinished (a blank submitdate) are left out unless Mapping.Incomplete
// says IncompleteInclude (Proposal.Incomplete, Report.Incomplete).
//
// ParseDate reads ISO 8601, 9/1/2023 10:01:10 AM, 01.09.2023, 2023/9/1,
// 2023/9/1 上午10:01:10, Google Forms' 2021/08/10 12:08:56 PM GMT-3,
// 28/03/2025 0.15.35 and Excel serial numbers. Day/month order is decided
// for a whole column (DetectDateOrder) and reported when the column does not
// prove it (Proposal.DateAmbiguous).
//
// # Converting
//
// Run (or a Converter, row by row) turns rows into responses. A row is
// imported whole or not at all: a bad cell skips the row and is reported
// with its row, its column as "C (Overall satisfaction)", its value and the
// reason: in plain English words (Problem.Reason) and as a value the window
// translates (Problem.Why, a data.Problem of one of the Kind… constants;
// notes and errors of the package carry one too). A blank answer to an optional question is simply
// absent (blank is not "dissatisfied"); a blank required answer skips the
// row. A respondent or response ID seen before in the file skips the row.
// The Report counts rows read, imported, skipped and blank, and saves its
// problems as CSV.
//
// # Example
//
//	f, err := importer.OpenPath("reviews.csv", importer.Options{})
//	if err != nil {
//		return err // "reviews.csv: the file is empty", …
//	}
//	defer f.Close()
//	// Show f.Source (encoding, delimiter, sheet, layout) for confirmation;
//	// to change something, open again with those Options.
//	prof, err := importer.Scan(f, 0)
//	if err != nil {
//		return err
//	}
//	prop, err := importer.Guess(f.Source, prof, nil) // nil: make a survey
//	if err != nil {
//		return err
//	}
//	// Show prop.Survey, prop.Mapping, prop.Unmapped, prop.Notes; let the
//	// user correct them; set the business's time zone:
//	prop.Mapping.Loc = loc
//	rep, err := importer.Run(f, prop.Survey, prop.Mapping, func(r data.Response) error {
//		return batch.Add(r) // the store writes batches of ~10k
//	})
//	if err != nil {
//		return err // roll the import back
//	}
//	fmt.Printf("%d imported, %d skipped\n", rep.Imported, rep.Skipped)
//	rep.WriteCSV(w) // row,column,value,reason
//
// FileHash gives the content hash the store records to recognise a file
// imported before.
package importer
