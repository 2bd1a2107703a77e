package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"

	"csatdesk/data"
)

// Kinds of refusal and note about a whole file (Open), in the same form as
// problem.go's: the English text is the kind's value.
const (
	KindLooksLike        data.ProblemKind = "not a spreadsheet: this looks like {{.What}}"
	KindGzip             data.ProblemKind = "a gzip archive; unpack it first and import the file inside"
	KindArchive          data.ProblemKind = "a compressed archive (7z, RAR, bzip2, xz or zstd); unpack it first and import the file inside"
	KindZipNotWorkbook   data.ProblemKind = "a zip archive, not an Excel workbook; unpack it first and import the file inside"
	KindODS              data.ProblemKind = "an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx) or CSV UTF-8 and import that"
	KindWordDocument     data.ProblemKind = "a Word or PowerPoint document"
	KindPDF              data.ProblemKind = "a PDF document"
	KindImage            data.ProblemKind = "an image"
	KindRTF              data.ProblemKind = "an RTF text document"
	KindExecutable       data.ProblemKind = "a program or library"
	KindWorkbookDamaged  data.ProblemKind = "the workbook is damaged or incomplete; open it in Excel, save it again and import the copy"
	KindWorkbookTooBig   data.ProblemKind = "the workbook unpacks to {{.MB}} MB, far more than a survey export: it is damaged or not what it seems"
	KindTooManyColumns   data.ProblemKind = "row {{.Row}} has {{.N}} columns, more than the {{.Max}} CSAT Desk reads: is this one row per response, and is the separator right?"
	KindTooManySheetCols data.ProblemKind = "row {{.Row}} of sheet '{{.Sheet}}' has {{.N}} columns, more than the {{.Max}} CSAT Desk reads: is this one row per response?"
	KindMixedEncoding    data.ProblemKind = "part of the file is Unicode (UTF-8) and part is not, as if rows were saved in different encodings: some letters may look wrong; check the preview and choose the encoding most of the text is in"
	KindResultsTable     data.ProblemKind = "this is a table of results ({{.Columns}}), not one row per response: export the individual responses from the survey tool and import those"
	KindAggregateTable   data.ProblemKind = "this is a summary table (one row per statement, with the number of answers for each point of the scale: {{.Columns}}), not one row per response: export the individual responses from the survey tool and import those"
)

func init() {
	ProblemKinds = append(ProblemKinds,
		KindLooksLike, KindGzip, KindArchive, KindZipNotWorkbook, KindODS, KindWordDocument, KindPDF, KindImage,
		KindRTF, KindExecutable, KindWorkbookDamaged, KindWorkbookTooBig, KindTooManyColumns, KindTooManySheetCols,
		KindMixedEncoding, KindAggregateTable, KindResultsTable)
}

// MaxColumns is the most columns a file may have: a survey export has one
// per question and a few more. A wider row is refused at once (a file of
// 100,000 columns would make a survey of 100,000 questions).
var MaxColumns = 2000

// MaxUnzipBytes bounds what an XLSX workbook may unpack to; a workbook
// that claims more, or unpacks to more than maxUnzipRatio times its size
// (a zip bomb), is refused before anything is unpacked.
var MaxUnzipBytes int64 = 768 << 20

const (
	maxUnzipRatio  = 200
	unzipRatioFrom = 64 << 20 // the ratio is checked above this size
)

// ErrDamagedWorkbook is the error of an XLSX file that cannot be unpacked
// or parsed (errors.Is matches it); it wraps ErrNotSpreadsheet.
var ErrDamagedWorkbook error = &data.Error{Problem: note(KindWorkbookDamaged), Err: ErrNotSpreadsheet}

// damagedWorkbook returns ErrDamagedWorkbook with its cause, for the logs.
func damagedWorkbook(cause error) error {
	return &data.Error{Problem: note(KindWorkbookDamaged, "Detail", cause.Error()), Err: errors.Join(ErrDamagedWorkbook, cause)}
}

// notSpreadsheet returns ErrNotSpreadsheet saying what the file looks
// like instead.
func notSpreadsheet(what data.ProblemKind) error {
	return &data.Error{Problem: note(KindLooksLike, "What", note(what)), Err: ErrNotSpreadsheet}
}

// sniffBinary names the kind of a file that is plainly no spreadsheet from
// its magic bytes, or "" (a zip file is looked into later).
func sniffBinary(head []byte) data.ProblemKind {
	has := func(p string) bool { return bytes.HasPrefix(head, []byte(p)) }
	switch {
	case has("\x1f\x8b"):
		return KindGzip
	case has("BZh") && len(head) > 3 && head[3] >= '1' && head[3] <= '9',
		has("7z\xbc\xaf\x27\x1c"), has("Rar!\x1a\x07"), has("\xfd7zXZ\x00"), has("\x28\xb5\x2f\xfd"):
		return KindArchive
	case has("%PDF"):
		return KindPDF
	case has("\x89PNG"), has("\xff\xd8\xff"), has("GIF87a"), has("GIF89a"),
		has("RIFF") && len(head) >= 12 && string(head[8:12]) == "WEBP", has("BM") && len(head) > 14 && head[6] == 0 && head[7] == 0 && bytes.IndexByte(head[:64], '\n') < 0:
		return KindImage
	case has("{\\rtf"):
		return KindRTF
	case has("\x7fELF"), has("MZ") && bytes.IndexByte(head[:min(len(head), 256)], 0) >= 0:
		return KindExecutable
	}
	return ""
}

// checkZip looks into a zip file before excelize unpacks it: a workbook
// that would unpack to too much is refused, and so is a zip that is no
// workbook (an .ods, a .docx, any archive).
func checkZip(ra io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return damagedWorkbook(err)
	}
	var total uint64
	workbook, ods, word := false, false, false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		switch zf.Name {
		case "xl/workbook.xml", "/xl/workbook.xml":
			workbook = true
		case "mimetype", "content.xml":
			ods = true
		case "word/document.xml", "ppt/presentation.xml":
			word = true
		}
	}
	mb := int64(total >> 20)
	if total > uint64(MaxUnzipBytes) || (total > unzipRatioFrom && total/uint64(max(size, 1)) > maxUnzipRatio) {
		return &data.Error{Problem: note(KindWorkbookTooBig, "MB", mb), Err: ErrNotSpreadsheet}
	}
	switch {
	case workbook:
		return nil
	case ods:
		return notSpreadsheet(KindODS)
	case word:
		return notSpreadsheet(KindWordDocument)
	}
	return notSpreadsheet(KindZipNotWorkbook)
}

// KindInFile names the file a refusal is about: "answers.csv: …".
const KindInFile data.ProblemKind = "{{.File}}: {{.Reason}}"

func init() { ProblemKinds = append(ProblemKinds, KindInFile) }

// FileError is an error about a file, named: Open's refusals and the
// errors of its rows. It reads "answers.csv: this is not …", in the
// window too (UserProblem keeps the name).
type FileError struct {
	Name string
	Err  error
}

// Error returns the file's name and the error.
func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the error.
func (e *FileError) Unwrap() error { return e.Err }

// UserProblem returns the error's Problem with the file's name, or no
// problem when the error carries none.
func (e *FileError) UserProblem() data.Problem {
	if p, ok := data.ProblemOf(e.Err); ok {
		return note(KindInFile, "File", e.Name, "Reason", p)
	}
	return data.Problem{}
}
