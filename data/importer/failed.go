package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// ReasonHeader names the last column of a file written by WriteFailedRows:
// why each row was skipped. Guess maps a column of this name to nothing
// (TargetIgnore), so the file imports again once its rows are fixed, with
// or without the column.
const ReasonHeader = "CSAT Desk: why the row was skipped"

// genericReason is the reason of a failed row whose problems the report
// did not keep (it keeps MaxProblems).
const genericReason = "the row has a problem the report did not keep (it lists the first problems only); check every cell"

// ReasonColumn returns the index of the reason column WriteFailedRows
// adds — the last column, named ReasonHeader — or -1 when src has none.
func ReasonColumn(src Source) int {
	n := len(src.Columns)
	if n == 0 || !isReasonHeader(src.Columns[n-1].Top) {
		return -1
	}
	return n - 1
}

func isReasonHeader(h string) bool {
	return strings.EqualFold(cleanHeader(h), ReasonHeader)
}

// WriteFailedRows writes the rows rep.Failed lists — the rows of f skipped
// for a problem in the file — as a CSV file to fix in a spreadsheet and
// import again: a UTF-8 BOM, the file's header row(s) as they are (both of
// SurveyMonkey's, so the layout is recognised again), then each failed
// row's original cells, plus a last column, ReasonHeader, with the
// reason(s) from rep.Problems. Cells a spreadsheet would run as a formula
// get a leading apostrophe; import the file with Mapping.StripFormulaGuard
// (see ReasonColumn) to take it off again.
//
// f is read again from the top (once more when a failed row is longer than
// the header), row by row, so memory stays bounded whatever its size. When
// f is itself such a file, its reason column is replaced, not repeated.
func WriteFailedRows(w io.Writer, f *File, rep Report) error {
	if err := writeFailedRows(w, f, rep); err != nil {
		return fmt.Errorf("skipped rows of %s: %w", f.Source.Name, err)
	}
	return nil
}

func writeFailedRows(w io.Writer, f *File, rep Report) error {
	src := f.Source
	width := len(src.Columns)
	if rc := ReasonColumn(src); rc >= 0 {
		width = rc // the old reasons give way to the new ones
	}
	reasons := map[int][]string{}
	longer := rep.Omitted > 0
	for _, p := range rep.Problems {
		if p.Row <= 0 {
			continue // a note on the whole import
		}
		r := p.Reason
		if p.Column != "" {
			r = p.Column + ": " + r
		}
		reasons[p.Row] = append(reasons[p.Row], r)
		longer = longer || p.Col >= width
	}
	if longer {
		// Cells beyond the header's width keep their place under blank
		// column names, left of the reason.
		err := eachFailed(f, rep.Failed, func(_ int, rec []string) error {
			width = max(width, trimmedLen(rec))
			return nil
		})
		if err != nil {
			return err
		}
	}

	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	out := make([]string, width+1)
	put := func(rec []string, last string) error {
		for i := range width {
			out[i] = guard(cell(rec, i))
		}
		out[width] = guard(last)
		return cw.Write(out)
	}
	head, err := headerRecords(f)
	if err != nil {
		return err
	}
	for i, rec := range head {
		last := ""
		if i == 0 {
			last = ReasonHeader
		}
		if err := put(rec, last); err != nil {
			return err
		}
	}
	err = eachFailed(f, rep.Failed, func(row int, rec []string) error {
		r := strings.Join(reasons[row], "; ")
		if r == "" {
			r = genericReason
		}
		return put(rec, r)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// headerRecords returns copies of the header rows of f as the file holds
// them. An XLSX header's merged cells are filled in when read; across
// columns they are emptied again, so the CSV's second row is recognised as
// naming sub-columns (a CSV's empty top cell continues the name on its left).
func headerRecords(f *File) ([][]string, error) {
	it, err := f.rawRows()
	if err != nil {
		return nil, err
	}
	defer it.close()
	src := f.Source
	var head [][]string
	for len(head) < src.HeaderRows && it.next() {
		if it.row >= src.HeaderRow {
			head = append(head, append([]string(nil), it.record()...))
		}
	}
	if it.err != nil {
		return nil, it.err
	}
	if src.Format == "xlsx" && len(head) >= 2 {
		top, sub := head[0], head[1]
		for i := len(top) - 1; i > 0; i-- {
			if top[i] != "" && top[i] == top[i-1] && cell(sub, i) != "" {
				top[i] = ""
			}
		}
	}
	return head, nil
}

// eachFailed calls fn with the number and cells of each row of f listed in
// failed (in file order), stopping at the last.
func eachFailed(f *File, failed []int, fn func(row int, rec []string) error) error {
	if len(failed) == 0 {
		return nil
	}
	rows, err := f.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	k := 0
	for k < len(failed) && rows.Next() {
		row := rows.Row()
		for k < len(failed) && failed[k] < row {
			k++ // a row that is not there any more: the file changed
		}
		if k < len(failed) && failed[k] == row {
			if err := fn(row, rows.Record()); err != nil {
				return err
			}
			k++
		}
	}
	return rows.Err()
}

// trimmedLen is the number of cells of rec up to its last non-blank one.
func trimmedLen(rec []string) int {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	return n
}

// ForFailedRows fits m — a mapping made for a file — to src, a file
// WriteFailedRows wrote from it: the columns m does not cover (the reason,
// and blank-named columns for cells past the original header) are ignored,
// and the apostrophes WriteFailedRows put before formula-like cells are
// taken off. ok is false when src has no reason column or m has more
// columns than src left of it.
func (m Mapping) ForFailedRows(src Source) (fitted Mapping, ok bool) {
	rc := ReasonColumn(src)
	if rc < 0 || len(m.Columns) > rc {
		return m, false
	}
	fitted = m
	fitted.Columns = append([]ColumnMap(nil), m.Columns...)
	for i := len(m.Columns); i < len(src.Columns); i++ {
		fitted.Columns = append(fitted.Columns, ColumnMap{Column: i, Header: src.Columns[i].Header, Target: TargetIgnore})
	}
	fitted.StripFormulaGuard = true
	return fitted, true
}
