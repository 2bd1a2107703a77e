package importer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/transform"

	"csatdesk/data"
)

// Rows iterates over the data rows of a file (the rows after the header),
// reading as it goes, so memory stays bounded however long the file is:
//
//	rows, err := f.Rows()
//	if err != nil { … }
//	defer rows.Close()
//	for rows.Next() {
//		n, rec := rows.Row(), rows.Record()
//		…
//	}
//	if err := rows.Err(); err != nil { … }
type Rows struct {
	it   *rawIter
	skip int // last header row number
	name string
}

// Rows starts reading the data rows from the top.
func (f *File) Rows() (*Rows, error) {
	it, err := f.rawRows()
	if err != nil {
		return nil, &FileError{Name: f.Source.Name, Err: err}
	}
	return &Rows{it: it, skip: f.Source.HeaderRow + f.Source.HeaderRows - 1, name: f.Source.Name}, nil
}

// Next advances to the next data row; false at the end or on an error.
func (r *Rows) Next() bool {
	for r.it.next() {
		if r.it.row > r.skip {
			return true
		}
	}
	return false
}

// Row returns the current row's number as a spreadsheet shows it: the
// first header row of a CSV file without blank lines is row 1.
func (r *Rows) Row() int { return r.it.row }

// Record returns the cells of the current row. The slice and its strings
// are valid until the next call to Next; copy what you keep.
func (r *Rows) Record() []string { return r.it.record() }

// Err returns the error that stopped Next, if any; it names the file and row.
func (r *Rows) Err() error {
	if r.it.err == nil {
		return nil
	}
	var ce *CellError
	if errors.As(r.it.err, &ce) {
		return &FileError{Name: r.name, Err: r.it.err}
	}
	return fmt.Errorf("%s, row %d: %w", r.name, r.it.row+1, r.it.err)
}

// Cut reports whether the current row is the file's last line, has no
// line end and fewer cells than width: a file cut off while being saved or
// copied.
func (r *Rows) Cut(width int) bool {
	return r.it.lim != nil && r.it.lim.eof && !r.it.lim.endsWithNewline() && len(r.it.rec) < width
}

// Close releases the rows. It is safe to call more than once.
func (r *Rows) Close() error { return r.it.close() }

// Preview returns copies of the first n data rows, for a preview table and
// for Guess's sample.
func (f *File) Preview(n int) ([][]string, error) {
	rows, err := f.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for len(out) < n && rows.Next() {
		out = append(out, append([]string(nil), rows.Record()...))
	}
	return out, rows.Err()
}

// rawIter reads every row of a CSV or XLSX file, header included.
type rawIter struct {
	row int // spreadsheet row number of the current record
	rec []string
	err error

	// CSV
	cr    *csv.Reader
	lim   *rowLimiter
	extra int // lines taken by line breaks inside quoted cells so far
	last  string

	// XLSX
	xr       *excelize.Rows
	dateCols []bool // columns of date cells (File.dateCols)
	d1904    bool
	merges   []mergeRange
	active   []*mergeRange
	nextM    int
}

func (f *File) rawRows() (*rawIter, error) {
	if f.xl != nil {
		xr, err := f.xl.Rows(f.Source.Sheet)
		if err != nil {
			return nil, fmt.Errorf("cannot read sheet %q: %w", f.Source.Sheet, err)
		}
		ms := make([]mergeRange, len(f.merges))
		copy(ms, f.merges)
		return &rawIter{xr: xr, merges: ms, d1904: f.dates.date1904, dateCols: f.dateCols}, nil
	}
	var r io.Reader = io.NewSectionReader(f.ra, int64(f.bom), f.size-int64(f.bom))
	enc, _, _ := decoderFor(f.enc, nil)
	if enc != nil {
		r = transform.NewReader(r, enc.NewDecoder())
	}
	if f.crOnly {
		r = crToLF{r}
	}
	lim := &rowLimiter{r: r, max: MaxRowBytes}
	cr := csv.NewReader(lim)
	cr.Comma = f.Source.Delimiter
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &rawIter{cr: cr, lim: lim}, nil
}

func (it *rawIter) record() []string { return it.rec }

func (it *rawIter) next() bool {
	if it.err != nil {
		return false
	}
	if it.xr != nil {
		return it.nextXLSX()
	}
	it.lim.n = 0
	rec, err := it.cr.Read()
	if err != nil {
		if err == io.EOF && strings.Contains(it.last, "\n") && !it.lim.endsWithQuote() {
			// With lenient quotes, a quote that never closes swallows the
			// rest of the file into the last cell of one row.
			it.err = &CellError{Row: it.row, Col: len(it.rec) - 1, Err: ErrUnclosedQuote}
			return false
		}
		if err != io.EOF {
			if errors.Is(err, errRowLimit) {
				err = ErrRowTooLong
			}
			it.err = err
		}
		return false
	}
	for i, c := range rec {
		// ="0012": Excel's way to keep a value as text (1KA and other
		// exports write every cell so).
		if len(c) >= 3 && c[0] == '=' && c[1] == '"' && c[len(c)-1] == '"' && !strings.Contains(c[2:len(c)-1], "\"") {
			rec[i] = c[2 : len(c)-1]
		}
	}
	start, _ := it.cr.FieldPos(0)
	last := len(rec) - 1
	end, _ := it.cr.FieldPos(last)
	end += strings.Count(rec[last], "\n")
	it.row = start - it.extra
	it.extra += end - start
	it.rec = rec
	it.last = rec[last]
	return true
}

func (it *rawIter) nextXLSX() bool {
	if !it.xr.Next() {
		if err := it.xr.Error(); err != nil {
			it.err = damaged(err)
		}
		return false
	}
	it.row++
	rec, err := it.xr.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		it.err = damaged(err)
		return false
	}
	// Columns of date cells come as ISO text, not serial numbers.
	for i, isDate := range it.dateCols {
		if isDate && i < len(rec) {
			if d, ok := serialDate(rec[i], it.d1904); ok {
				rec[i] = d
			}
		}
	}
	// Merged cells: excelize gives the value in the top-left cell only;
	// a spreadsheet shows it across the whole range.
	for it.nextM < len(it.merges) && it.merges[it.nextM].r1 == it.row {
		m := &it.merges[it.nextM]
		m.val = cell(rec, m.c1)
		it.active = append(it.active, m)
		it.nextM++
	}
	keep := it.active[:0]
	for _, m := range it.active {
		if m.r2 < it.row {
			continue
		}
		keep = append(keep, m)
		if m.val == "" {
			continue
		}
		for len(rec) <= m.c2 {
			rec = append(rec, "")
		}
		for c := m.c1; c <= m.c2; c++ {
			if rec[c] == "" {
				rec[c] = m.val
			}
		}
	}
	it.active = keep
	it.rec = rec
	return true
}

func (it *rawIter) close() error {
	if it.xr != nil {
		err := it.xr.Close()
		it.xr = nil
		return err
	}
	return nil
}

// crToLF reads a file whose lines end with CR alone (old Mac) as if they
// ended with LF.
type crToLF struct{ r io.Reader }

// Read implements io.Reader.
func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

var errRowLimit = errors.New("row limit")

// rowLimiter fails a read once one row has taken more than max bytes; the
// iterator resets n before each row.
// It also keeps the file's last bytes, to check how it ends.
type rowLimiter struct {
	r      io.Reader
	n, max int
	tail   []byte
	eof    bool
}

// Read implements io.Reader.
func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.n > l.max {
		return 0, errRowLimit
	}
	n, err := l.r.Read(p)
	l.n += n
	if err == io.EOF {
		l.eof = true
	}
	if n > 0 {
		const keep = 64
		if n >= keep {
			l.tail = append(l.tail[:0], p[n-keep:n]...)
		} else {
			l.tail = append(l.tail, p[:n]...)
			if len(l.tail) > keep {
				l.tail = append(l.tail[:0], l.tail[len(l.tail)-keep:]...)
			}
		}
	}
	return n, err
}

// endsWithQuote reports whether the text read ends with a quotation mark,
// white space aside.
func (l *rowLimiter) endsWithQuote() bool {
	t := bytes.TrimRight(l.tail, " \t\r\n")
	return len(t) > 0 && t[len(t)-1] == '"'
}

func (l *rowLimiter) endsWithNewline() bool {
	return len(l.tail) > 0 && (l.tail[len(l.tail)-1] == '\n' || l.tail[len(l.tail)-1] == '\r')
}

// CellError is an error at a cell of the file.
type CellError struct {
	Row int // as a spreadsheet numbers it
	Col int // 0-based; -1 for the whole row
	Err error
}

// Error says where and what: "row 12, column C: …".
func (e *CellError) Error() string {
	if e.Col < 0 {
		return fmt.Sprintf("row %d: %v", e.Row, e.Err)
	}
	return fmt.Sprintf("row %d, column %s: %v", e.Row, ColumnLetter(e.Col), e.Err)
}

// Unwrap returns the underlying error.
func (e *CellError) Unwrap() error { return e.Err }

// UserProblem returns where and what as a Problem, for the window to
// translate.
func (e *CellError) UserProblem() data.Problem {
	if e.Col < 0 {
		return note(KindAtRow, "Row", e.Row, "Reason", why(e.Err))
	}
	return note(KindAtCell, "Row", e.Row, "Column", ColumnLetter(e.Col), "Reason", why(e.Err))
}

// mergeRange is a block of merged cells (1-based rows, 0-based columns).
type mergeRange struct {
	r1, c1, r2, c2 int
	val            string
}

// mergedHeader reports whether a merged range in header row r spans
// columns or reaches into the next row.
func (f *File) mergedHeader(r int) bool {
	for _, m := range f.merges {
		if m.r1 == r && (m.c2 > m.c1 || m.r2 > m.r1) {
			return true
		}
	}
	return false
}

// readMerges lists the merged cells of a sheet, reading the sheet's XML as
// a stream (excelize's GetMergeCells loads the whole sheet into memory).
func readMerges(ra io.ReaderAt, size int64, sheet string) ([]mergeRange, error) {
	ms, _, err := readSheetLayout(ra, size, sheet)
	return ms, err
}

// readSheetLayout lists the merged cells of a sheet and the number of
// columns its <dimension> gives (0 if none), reading the sheet's XML as a
// stream.
func readSheetLayout(ra io.ReaderAt, size int64, sheet string) (ms []mergeRange, dimCols int, err error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, 0, err
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		files[strings.TrimPrefix(zf.Name, "/")] = zf
	}
	// workbook.xml: sheet name → relationship ID.
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeZipXML(files["xl/workbook.xml"], &wb); err != nil {
		return nil, 0, err
	}
	if err := decodeZipXML(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, 0, err
	}
	target := ""
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			for _, r := range rels.Rels {
				if r.ID == s.RID {
					target = r.Target
				}
			}
		}
	}
	if target == "" {
		return nil, 0, nil
	}
	if strings.HasPrefix(target, "/") {
		target = strings.TrimPrefix(target, "/")
	} else {
		target = path.Join("xl", target)
	}
	zf := files[target]
	if zf == nil {
		return nil, 0, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	// The sheet is read to its end: excelize reads a sheet cut off in the
	// middle as if it ended there, so a damaged file is caught here.
	tail := &tailKeeper{r: rc}
	defer func() {
		if err == nil {
			if _, err = io.Copy(io.Discard, tail); err == nil && !tail.endsWith("worksheet>") {
				err = errors.New("unfinished worksheet") // reported as KindWorkbookDamaged
			}
		}
		if err != nil {
			ms, dimCols = nil, 0
		}
	}()
	from, err := skipToMergeCells(tail, &dimCols)
	if err != nil || from == nil {
		return nil, dimCols, err
	}
	dec := xml.NewDecoder(from)
	for {
		var tok xml.Token
		tok, err = dec.Token()
		if err != nil {
			return nil, 0, err
		}
		if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "mergeCells" {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "mergeCell" {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Local != "ref" {
				continue
			}
			a1, b1, ok := strings.Cut(a.Value, ":")
			if !ok {
				continue
			}
			c1, r1, e1 := excelize.CellNameToCoordinates(a1)
			c2, r2, e2 := excelize.CellNameToCoordinates(b1)
			if e1 != nil || e2 != nil || abs(c2-c1) > 1024 {
				continue // a sheet-wide merge is formatting, not data
			}
			ms = append(ms, mergeRange{r1: min(r1, r2), c1: min(c1, c2) - 1, r2: max(r1, r2), c2: max(c1, c2) - 1})
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].r1 < ms[j].r1 })
	return ms, dimCols, nil
}

// tailKeeper reads r and keeps its last bytes.
type tailKeeper struct {
	r    io.Reader
	tail []byte
}

// Read implements io.Reader.
func (t *tailKeeper) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	const keep = 64
	switch {
	case n >= keep:
		t.tail = append(t.tail[:0], p[n-keep:n]...)
	case n > 0:
		t.tail = append(t.tail, p[:n]...)
		if len(t.tail) > keep {
			t.tail = append(t.tail[:0], t.tail[len(t.tail)-keep:]...)
		}
	}
	return n, err
}

// endsWith reports whether what was read ends with suffix, white space
// aside.
func (t *tailKeeper) endsWith(suffix string) bool {
	return bytes.HasSuffix(bytes.TrimRight(t.tail, " \t\r\n\x00"), []byte(suffix))
}

// mergeCellsTag finds the start of a sheet's <mergeCells> element (with
// or without a namespace prefix). Text in XML cannot hold a bare '<', so
// a match is always the tag.
var mergeCellsTag = regexp.MustCompile(`<([A-Za-z_][A-Za-z0-9_.-]*:)?mergeCells[\s>/]`)

var dimensionTag = regexp.MustCompile(`<(?:[A-Za-z_][A-Za-z0-9_.-]*:)?dimension\s+ref="(?:[A-Za-z]+[0-9]+:)?([A-Za-z]+[0-9]+)"`)

// skipToMergeCells reads a sheet's XML up to its <mergeCells> element,
// which follows the cells, and returns a reader from there; nil when the
// sheet has none. Searching the bytes is many times faster than reading
// every cell as XML.
func skipToMergeCells(r io.Reader, dimCols *int) (io.Reader, error) {
	const chunk, overlap = 256 << 10, 64
	buf := make([]byte, 0, chunk+overlap)
	first := true
	for {
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if first {
			// <dimension ref="A1:H120"/> comes before the cells.
			if m := dimensionTag.FindSubmatch(buf); m != nil {
				if c, _, err := excelize.CellNameToCoordinates(string(m[len(m)-1])); err == nil {
					*dimCols = c
				}
			}
			first = false
		}
		if loc := mergeCellsTag.FindIndex(buf); loc != nil {
			return io.MultiReader(bytes.NewReader(buf[loc[0]:]), r), nil
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		keep := min(overlap, len(buf))
		copy(buf, buf[len(buf)-keep:])
		buf = buf[:keep]
	}
}

func decodeZipXML(zf *zip.File, v any) error {
	if zf == nil {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
