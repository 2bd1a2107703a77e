package importer

import (
	"archive/zip"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"csatdesk/data"
)

// xlsxDates is what a workbook's styles say about dates: whether any cell
// style shows a number as a date (Microsoft Forms' Start time and
// Completion time are such cells), and the 1904 date system.
type xlsxDates struct {
	any      bool
	date1904 bool
}

// readDateStyles reads xl/styles.xml and the workbook's date system. A
// workbook it cannot read has no date styles (the rows report the damage).
func readDateStyles(ra io.ReaderAt, size int64) xlsxDates {
	var d xlsxDates
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return d
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		files[strings.TrimPrefix(zf.Name, "/")] = zf
	}
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
	}
	if decodeZipXML(files["xl/styles.xml"], &styles) != nil {
		return d
	}
	if decodeZipXML(files["xl/workbook.xml"], &wb) == nil {
		d.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	}
	custom := make(map[int]string, len(styles.NumFmts))
	for _, f := range styles.NumFmts {
		custom[f.ID] = f.Code
	}
	for _, xf := range styles.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			d.any = d.any || isDateFormat(code)
		} else {
			id := xf.NumFmtID
			d.any = d.any || (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
		}
	}
	return d
}

// isDateFormat reports whether a number format code shows a date or time:
// it has date or time letters outside quotes, brackets and escapes.
func isDateFormat(code string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '[':
			inBracket = true
		case c == ']':
			inBracket = false
		case inBracket:
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			switch c | 0x20 {
			case 'y', 'd', 'h', 's':
				return true
			case 'm':
				return true
			}
		}
	}
	return false
}

// Serial numbers of 1 Jan 1990 and 1 Jan 2200: a number between shown as
// a date is read as one.
const (
	serial1990 = 32874
	serial2200 = 109574
)

var (
	dateTriple    = regexp.MustCompile(`\d+\s*[-./]\s*\d+\s*[-./]\s*\d+`)
	dateMonthWord = regexp.MustCompile(`\d\s*[- ./]?\s*\p{L}{3,}\.?\s*[- ./,]+\s*\d|\p{L}{3,}\.?\s*[- ,]+\d{1,2}[, ]+\d{2,4}`)
)

// dateCell returns the date of a cell excelize shows as formatted text
// from the serial number raw: as ISO text (2018-05-16 12:42:56), which
// reads the same in every locale, where the formatted text might be
// 5/16/18. ok is false for a cell that is not a date.
func dateCell(raw, formatted string, date1904 bool) (string, bool) {
	if raw == formatted || raw == "" || formatted == "" || strings.HasSuffix(formatted, "%") {
		return "", false
	}
	if serial, err := strconv.ParseFloat(raw, 64); err != nil || serial < serial1990 || serial >= serial2200 {
		return "", false
	}
	if !strings.ContainsAny(formatted, ":/") && !dateTriple.MatchString(formatted) && !dateMonthWord.MatchString(formatted) {
		return "", false
	}
	return serialDate(raw, date1904)
}

// findDateColumns reads the sheet's first rows twice, as stored and as
// shown, and marks the columns with numbers shown as dates. Only these
// few rows are formatted (excelize's formatting of a date takes tens of
// microseconds); the rows below take the column's word for it.
func (f *File) findDateColumns() ([]bool, error) {
	raw, err := f.xl.Rows(f.Source.Sheet)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	shown, err := f.xl.Rows(f.Source.Sheet)
	if err != nil {
		return nil, err
	}
	defer shown.Close()
	var cols []bool
	for n := 0; n < 2*headSample && raw.Next() && shown.Next(); n++ {
		r, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		s, err := shown.Columns()
		if err != nil {
			return nil, err
		}
		for i := range r {
			if _, ok := dateCell(r[i], cell(s, i), f.dates.date1904); ok {
				for len(cols) <= i {
					cols = append(cols, false)
				}
				cols[i] = true
			}
		}
	}
	return cols, nil
}

// serialDate reads a date column's cell: a serial number between 1990 and
// 2200 as ISO text; anything else as it is.
func serialDate(raw string, date1904 bool) (string, bool) {
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial < serial1990 || serial >= serial2200 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return "", false
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04:05"), true
}

// damaged turns an error reading a workbook's XML into "the workbook is
// damaged or incomplete", keeping the cause for the logs.
func damaged(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := data.ProblemOf(err); ok {
		return err
	}
	return damagedWorkbook(err)
}
