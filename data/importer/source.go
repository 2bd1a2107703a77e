package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sentinel errors; errors from Open and Rows wrap them (test with errors.Is).
var (
	// ErrEmpty: the file (or the chosen sheet) has no rows.
	ErrEmpty = sentinel(KindEmptyFile)
	// ErrNotSpreadsheet: the file is neither CSV/text nor XLSX.
	ErrNotSpreadsheet = sentinel(KindNotSpreadsheet)
	// ErrOldExcel: an Excel 97–2003 .xls or a password-protected workbook.
	ErrOldExcel = sentinel(KindOldExcel)
	// ErrRowTooLong: a row longer than MaxRowBytes, most often a quote
	// that is opened and never closed.
	ErrRowTooLong = sentinel(KindRowTooLong)
	// ErrUnclosedQuote: a quotation mark opens a cell and never closes.
	ErrUnclosedQuote = sentinel(KindUnclosedQuote)
	// ErrNoRows: the file has a header but no responses.
	ErrNoRows = sentinel(KindNoRows)
	// ErrUnknownEncoding: Options.Encoding names no encoding in Encodings.
	ErrUnknownEncoding = errors.New("unknown text encoding")
	// ErrNoSheet: Options.Sheet names no sheet of the workbook.
	ErrNoSheet = errors.New("the workbook has no sheet of that name")
)

// MaxRowBytes bounds the memory one CSV row may take. A row this long is
// always a damaged file (an unclosed quote swallows the rest of the file).
var MaxRowBytes = 64 << 20

// sniffBytes is how much of a file is read to detect its format.
const sniffBytes = 64 << 10

// Layout names a known export format.
type Layout string

// The layouts Open recognises from the header.
const (
	LayoutGoogleForms  Layout = "google_forms" // Timestamp, [Email Address], question texts
	LayoutSurveyMonkey Layout = "surveymonkey" // two header rows, Respondent ID, Collector ID, …
	LayoutTypeform     Layout = "typeform"     // #, question texts, …, Submit Date (UTC), Network ID
	LayoutCSATDesk     Layout = "csatdesk"     // our own export: response_id, collected_at, …
	LayoutGeneric      Layout = "generic"      // any sheet with one row per response

	// Qualtrics: three header rows (codes, question texts, {"ImportId":…}).
	LayoutQualtrics Layout = "qualtrics"
	// LimeSurvey: id, submitdate, lastpage, startlanguage, seed, …
	LayoutLimeSurvey Layout = "limesurvey"
	// Microsoft Forms: ID, Start time, Completion time, Email, Name, …
	LayoutMicrosoftForms Layout = "microsoft_forms"
	// Jotform: Submission Date, …, Submission ID.
	LayoutJotform Layout = "jotform"
	// KoboToolbox and other ODK tools: start, end, …, _uuid, _submission_time.
	LayoutKobo Layout = "kobotoolbox"
	// Wenjuanxing (问卷星): 序号, 提交答卷时间, 所用时间, 来源, 来自IP, ….
	LayoutWenjuanxing Layout = "wenjuanxing"
)

// Options override what Open would detect. The zero Options detects all.
type Options struct {
	Encoding   string // one of Encodings' names; "" detects
	Delimiter  rune   // ',', ';', '\t' or '|'; 0 detects
	Sheet      string // XLSX sheet; "" takes the first
	HeaderRows int    // rows of column names (the first two merge into names; more are skipped); 0 detects
	Layout     Layout // "" detects
}

// Column describes one column of a file.
type Column struct {
	Index  int    // 0-based
	Letter string // as a spreadsheet names it: A, B, …, AA
	// Header is the column's name; with two header rows, the top name
	// and the sub-name joined as "Top / Sub" (merged cells filled in).
	Header string
	Top    string // the name in the first header row (merged cells filled in)
	Sub    string // the name in the second header row, if any
	// Meta marks a column the producing tool adds about the response,
	// not an answer (Qualtrics' Progress, LimeSurvey's lastpage, ODK's
	// _uuid, a pandas index): it is never read as a question. A column
	// that is also a role (a date, a respondent ID) keeps that role.
	Meta bool
}

// Name returns the column for messages: `C (Overall satisfaction)`.
func (c Column) Name() string {
	if c.Header == "" {
		return c.Letter
	}
	return c.Letter + " (" + short(c.Header) + ")"
}

// Source is what Open found out about a file, for the user to confirm.
type Source struct {
	Name   string // the file's base name, for messages
	Format string // "csv" or "xlsx"
	// Encoding is one of Encodings' names ("" for XLSX).
	Encoding string
	// EncodingGuessed is true when the encoding was guessed from letter
	// statistics (a legacy code page): ask the user to confirm it.
	EncodingGuessed bool
	Delimiter       rune     // CSV only
	Sheets          []string // XLSX only: every sheet, in workbook order
	Sheet           string   // XLSX only: the sheet being read
	Layout          Layout
	// HeaderRows is the number of rows of column names (1 or 2; 3 for
	// Qualtrics, whose third row of {"ImportId":…} is skipped); the first
	// is row HeaderRow.
	HeaderRows int
	HeaderRow  int
	// Coded: the header is a row of question codes (Q1, Q2a) over a row
	// of question texts, as 1KA and other tools made for statistics
	// packages write it; their negative numbers (-1 not answered, -2
	// skipped, -3 left the survey) are no-answer codes.
	Coded bool
	// Headers holds one name per column (multi-row headers merged).
	Headers []string
	Columns []Column
	// Notes are things the user should know ("only one column: is the
	// separator right?").
	Notes Notes
}

// File is an opened CSV or XLSX file. It reads the file again on every
// call to Rows, so it needs the io.ReaderAt it was opened with until Close.
type File struct {
	Source Source

	ra     io.ReaderAt
	size   int64
	closer io.Closer
	enc    string
	bom    int
	xl     *excelize.File
	merges []mergeRange
	dates  xlsxDates
	// dateCols marks the XLSX columns whose cells are dates (numbers shown
	// as dates in the first rows).
	dateCols []bool
	crOnly   bool // lines end with CR alone (old Mac)
	// dimCols is how many columns an XLSX sheet says it spans (its
	// <dimension>), 0 when it does not say.
	dimCols int
}

// Open reads the start of a file and detects its format, encoding,
// delimiter, sheets, header rows and layout. name is used in messages and
// to tell the file's kind when its content does not. Open keeps r to read
// rows later.
func Open(name string, r io.ReaderAt, size int64, opt Options) (*File, error) {
	f := &File{ra: r, size: size}
	f.Source.Name = filepath.Base(name)
	if err := f.open(opt); err != nil {
		f.Close()
		return nil, &FileError{Name: f.Source.Name, Err: err}
	}
	return f, nil
}

// OpenPath opens the file at path with Open; Close closes it.
func OpenPath(path string, opt Options) (*File, error) {
	osf, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", filepath.Base(path), err)
	}
	st, err := osf.Stat()
	if err != nil {
		osf.Close()
		return nil, fmt.Errorf("cannot open %s: %w", filepath.Base(path), err)
	}
	f, err := Open(path, osf, st.Size(), opt)
	if err != nil {
		osf.Close()
		return nil, err
	}
	f.closer = osf
	return f, nil
}

// Close releases the workbook and, for OpenPath, the file.
func (f *File) Close() error {
	var err error
	if f.xl != nil {
		err = f.xl.Close()
		f.xl = nil
	}
	if f.closer != nil {
		if e := f.closer.Close(); err == nil {
			err = e
		}
		f.closer = nil
	}
	return err
}

func (f *File) open(opt Options) error {
	if f.size == 0 {
		return ErrEmpty
	}
	head := make([]byte, min(f.size, sniffBytes))
	n, err := f.ra.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return fmt.Errorf("cannot read the file: %w", err)
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		if err := f.openXLSX(opt); err != nil {
			return err
		}
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return ErrOldExcel
	case sniffBinary(head) != "":
		return notSpreadsheet(sniffBinary(head))
	default:
		if err := f.openText(head, opt); err != nil {
			return err
		}
	}
	return f.readHeader(opt)
}

func (f *File) openText(head []byte, opt Options) error {
	f.Source.Format = "csv"
	name := opt.Encoding
	if name == "" {
		var mixed bool
		name, f.Source.EncodingGuessed, mixed = detectEncoding(head)
		if mixed {
			f.Source.Notes = append(f.Source.Notes, note(KindMixedEncoding))
		}
	}
	enc, bom, ok := decoderFor(name, head)
	if !ok {
		return fmt.Errorf("%w %q", ErrUnknownEncoding, name)
	}
	f.enc, f.bom = name, bom
	f.Source.Encoding = name
	text := decodeHead(head[bom:], enc)
	// Old Mac files end lines with CR alone: read them as line ends.
	if strings.IndexByte(text, '\r') >= 0 && strings.IndexByte(text, '\n') < 0 {
		f.crOnly = true
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if int64(len(head)) < f.size {
		// Drop the last, probably cut, line from the sample.
		if i := strings.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i+1]
		}
	}
	if strings.TrimSpace(strings.ReplaceAll(text, "\x00", "")) == "" && int64(len(head)) == f.size {
		return ErrEmpty
	}
	f.Source.Delimiter = opt.Delimiter
	if f.Source.Delimiter == 0 {
		f.Source.Delimiter = detectDelimiter(text)
	}
	return nil
}

// detectDelimiter picks the delimiter that splits the sample into the most
// rows with as many cells as the header, then the most cells.
func detectDelimiter(text string) rune {
	best, bestScore := ',', -1.0
	for _, d := range []rune{',', ';', '\t', '|'} {
		cr := csv.NewReader(strings.NewReader(text))
		cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = d, true, -1
		var counts []int
		for len(counts) < 50 {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue
			}
			counts = append(counts, len(rec))
		}
		if len(counts) == 0 || counts[0] < 2 {
			continue
		}
		same := 0
		for _, c := range counts {
			if c == counts[0] {
				same++
			}
		}
		score := float64(same)/float64(len(counts))*1000 + float64(min(counts[0], 999))
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func (f *File) openXLSX(opt Options) error {
	f.Source.Format = "xlsx"
	if err := checkZip(f.ra, f.size); err != nil {
		return err
	}
	xl, err := excelize.OpenReader(io.NewSectionReader(f.ra, 0, f.size), excelize.Options{
		UnzipSizeLimit: MaxUnzipBytes, UnzipXMLSizeLimit: min(16<<20, MaxUnzipBytes)})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip") || strings.Contains(err.Error(), "XML") {
			return damagedWorkbook(err)
		}
		return fmt.Errorf("cannot read the workbook: %w", err)
	}
	f.xl = xl
	f.Source.Sheets = xl.GetSheetList()
	if len(f.Source.Sheets) == 0 {
		return ErrEmpty
	}
	f.Source.Sheet = f.Source.Sheets[0]
	if opt.Sheet != "" {
		found := false
		for _, s := range f.Source.Sheets {
			found = found || s == opt.Sheet
		}
		if !found {
			return fmt.Errorf("%w: %q (it has %s)", ErrNoSheet, opt.Sheet, strings.Join(f.Source.Sheets, ", "))
		}
		f.Source.Sheet = opt.Sheet
	}
	f.merges, f.dimCols, err = readSheetLayout(f.ra, f.size, f.Source.Sheet)
	if err != nil {
		return fmt.Errorf("sheet %q: %w", f.Source.Sheet, damaged(err))
	}
	f.dates = readDateStyles(f.ra, f.size)
	if f.dates.any {
		if f.dateCols, err = f.findDateColumns(); err != nil {
			return fmt.Errorf("sheet %q: %w", f.Source.Sheet, damaged(err))
		}
	}
	return nil
}

// headSample is how many rows readHeader reads: the header rows and a few
// responses, to tell a layout's header rows, an index column or a summary
// table from responses.
const headSample = 12

// readHeader reads the header rows and decides the layout.
func (f *File) readHeader(opt Options) error {
	it, err := f.rawRows()
	if err != nil {
		return err
	}
	defer it.close()
	var rows [][]string
	var nums []int
	for len(rows) < headSample && it.next() {
		rec := it.record()
		if len(rec) > MaxColumns {
			if f.Source.Format == "xlsx" {
				return problemError(KindTooManySheetCols, "Row", it.row, "Sheet", f.Source.Sheet, "N", len(rec), "Max", MaxColumns)
			}
			return problemError(KindTooManyColumns, "Row", it.row, "N", len(rec), "Max", MaxColumns)
		}
		if len(rows) == 0 && blank(rec) {
			continue // leading empty rows
		}
		rows = append(rows, append([]string(nil), rec...))
		nums = append(nums, it.row)
	}
	// An error below the first three rows is the rows' to report, with
	// its row number, when they are read.
	if it.err != nil && len(rows) < 3 {
		return it.err
	}
	if len(rows) == 0 {
		if f.Source.Sheet != "" {
			return fmt.Errorf("%w (sheet %q)", ErrEmpty, f.Source.Sheet)
		}
		return ErrEmpty
	}
	top := rows[0]
	for i := range top {
		top[i] = cleanHeader(top[i])
	}
	f.Source.HeaderRow = nums[0]
	f.Source.Layout = opt.Layout
	if f.Source.Layout == "" {
		f.Source.Layout = detectLayout(top, rows[1:])
	}
	hr := opt.HeaderRows
	codesRow := false
	if hr == 0 {
		hr = 1
		switch {
		case f.Source.Layout == LayoutQualtrics:
			hr = qualtricsHeaderRows(top, rows[1:])
		case len(rows) >= 2 && (f.Source.Layout == LayoutSurveyMonkey || f.mergedHeader(nums[0]) || looksLikeSubHeader(top, rows[1], rows[2:min(3, len(rows))])):
			hr = 2
		case f.Source.Layout == LayoutGeneric && len(rows) >= 3 && codesOverTexts(top, rows[1], rows[2:]):
			hr = 2 // 1KA, SPSS-minded tools: Q1, Q2a, … over the question texts
			codesRow = true
		}
	}
	if hr > len(rows) {
		hr = len(rows)
	}
	f.Source.HeaderRows = hr
	f.Source.Coded = codesRow && hr >= 2
	var cols []Column
	if (f.Source.Layout == LayoutQualtrics || codesRow) && hr >= 2 {
		cols = qualtricsColumns(top, rows[1])
	} else {
		cols = f.headerColumns(top, rows, hr)
	}
	markMeta(f.Source.Layout, cols, rows[min(hr, len(rows)):])
	distinctHeaders(cols)
	f.Source.Columns = cols
	f.Source.Headers = make([]string, len(cols))
	for i, c := range cols {
		f.Source.Headers[i] = c.Header
	}
	if len(cols) == 1 && f.Source.Format == "csv" && strings.ContainsAny(top[0], ",;\t|") {
		f.Source.Notes = append(f.Source.Notes, note(KindOneColumnNote, "Separator", delimiterName(f.Source.Delimiter)))
	}
	if labels, ok := aggregateTable(cols, rows[min(hr, len(rows)):]); ok {
		return problemError(KindAggregateTable, "Columns", labels)
	}
	if figures, ok := resultsTable(cols, rows[min(hr, len(rows)):]); ok {
		return problemError(KindResultsTable, "Columns", figures)
	}
	return nil
}

// headerColumns names the columns from one or two header rows (the first
// two merge into names; more are skipped).
func (f *File) headerColumns(top []string, rows [][]string, hr int) []Column {
	var sub []string
	if hr >= 2 {
		sub = rows[1]
	}
	width := max(len(top), len(sub))
	if f.Source.Format == "xlsx" {
		// A sheet's responses may reach past its named columns (the
		// sheet's dimension says how far); a CSV's extra cells are a
		// separator problem the rows report.
		if f.dimCols <= MaxColumns {
			width = max(width, f.dimCols)
		}
		for _, r := range rows[min(hr, len(rows)):] {
			for n := len(r); n > width; n-- {
				if strings.TrimSpace(r[n-1]) != "" {
					width = n
					break
				}
			}
		}
	}
	cols := make([]Column, width)
	group := ""
	for i := range cols {
		t, s := cell(top, i), cleanHeader(cell(sub, i))
		if t == "" && s != "" && group != "" && f.Source.Format == "csv" {
			t = group // SurveyMonkey: a question's name spans its sub-columns
		}
		if t != "" {
			group = t
		}
		h := t
		switch {
		case t == "":
			h = s
		case s != "" && s != t && !strings.EqualFold(s, "Response"):
			h = t + " / " + s
		}
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h, Top: t, Sub: s}
	}
	if f.Source.Layout == LayoutLimeSurvey {
		splitLimeSurveyCodes(cols)
	}
	return cols
}

// cleanHeader trims a header cell and removes a BOM or NULs left in it,
// and HTML markup (Typeform writes <strong> and &amp; into its headers).
func cleanHeader(s string) string {
	s = strings.ReplaceAll(s, "\ufeff", "")
	s = strings.ReplaceAll(s, "\x00", "")
	s = stripMarkup(s)
	return strings.Join(strings.Fields(s), " ")
}

func delimiterName(d rune) any {
	switch d {
	case ',':
		return note(KindComma)
	case ';':
		return note(KindSemicolon)
	case '\t':
		return note(KindTab)
	case '|':
		return note(KindBar)
	}
	return strconv.QuoteRune(d)
}

func cell(rec []string, i int) string {
	if i < len(rec) {
		return rec[i]
	}
	return ""
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// looksLikeSubHeader decides whether the second row names sub-columns
// rather than holding a response: the first row has gaps (merged or spanning
// names) that the second fills, and the second has no numbers or dates
// while the rows below do.
func looksLikeSubHeader(top, second []string, below [][]string) bool {
	gaps, filled := 0, 0
	for i := range second {
		if cell(top, i) == "" && i > 0 {
			gaps++
			if strings.TrimSpace(second[i]) != "" {
				filled++
			}
		}
	}
	if gaps == 0 || filled == 0 {
		return false
	}
	for _, c := range second {
		if looksLikeData(c) {
			return false
		}
	}
	for _, r := range below {
		for _, c := range r {
			if looksLikeData(c) {
				return true
			}
		}
	}
	return len(below) == 0
}

func looksLikeData(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if _, ok := parseDecimal(s); ok {
		return true
	}
	_, err := ParseDate(s, "", nil)
	return err == nil
}

// ColumnLetter returns the spreadsheet name of 0-based column i: A … Z, AA …
func ColumnLetter(i int) string {
	if i < 0 {
		return ""
	}
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// FileHash returns the SHA-256 of r's content as hex, to recognise a file
// imported before.
func FileHash(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("cannot read the file: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
