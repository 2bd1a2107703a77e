package export

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"csatdesk/data"
)

// Sheet names of WriteXLSX's workbook.
const (
	SheetResponses = "Responses"
	SheetMonthly   = "Monthly"
)

// WriteXLSX writes an Excel workbook with two sheets: "Responses", the
// same columns as WriteCSV with answers as numbers and collected_at as a
// real date (the wall-clock time where the response was collected), and
// "Monthly", one row per period of monthly (month, n, CSAT %, its 95 %
// range low and high, NPS; blank where there is no figure). Text goes in
// as text, never as a formula, so it needs no apostrophe guard. It returns
// the number of response rows written. Rows are streamed, so memory stays
// bounded by excelize's temporary file, not by the number of responses.
func WriteXLSX(w io.Writer, sv *data.Survey, tags []string, each Each, monthly []data.SummaryRow) (int, error) {
	fail := func(rows int, err error) (int, error) {
		return rows, fmt.Errorf("export %s as Excel: %w", sv.Name, err)
	}
	xf := excelize.NewFile()
	defer xf.Close()
	if err := xf.SetSheetName("Sheet1", SheetResponses); err != nil {
		return fail(0, err)
	}
	if _, err := xf.NewSheet(SheetMonthly); err != nil {
		return fail(0, err)
	}
	dateFmt, monthFmt, pctFmt := "yyyy-mm-dd hh:mm", "yyyy-mm", "0.0"
	bold, err := xf.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fail(0, err)
	}
	dateStyle, err := xf.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return fail(0, err)
	}
	monthStyle, err := xf.NewStyle(&excelize.Style{CustomNumFmt: &monthFmt})
	if err != nil {
		return fail(0, err)
	}
	pctStyle, err := xf.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		return fail(0, err)
	}

	sw, err := xf.NewStreamWriter(SheetResponses)
	if err != nil {
		return fail(0, err)
	}
	header := Header(sv, tags)
	hrow := make([]any, len(header))
	for i, h := range header {
		hrow[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetColWidth(1, 1, 34); err != nil {
		return fail(0, err)
	}
	if err := sw.SetColWidth(2, 2, 17); err != nil {
		return fail(0, err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(0, err)
	}
	if err := sw.SetRow("A1", hrow); err != nil {
		return fail(0, err)
	}
	rows := 0
	rec := make([]any, 0, len(header))
	err = each(func(r data.Response) error {
		rec = rec[:0]
		rec = append(rec, r.ID.String(), excelize.Cell{StyleID: dateStyle, Value: wallClock(r.CollectedAt)}, r.Channel, r.FormNumber)
		for _, t := range tags {
			rec = append(rec, r.Tags[t])
		}
		for _, q := range sv.Questions {
			if q.Numeric() {
				if v, ok := r.Answers[q.ID]; ok {
					rec = append(rec, v)
				} else {
					rec = append(rec, nil)
				}
			} else {
				rec = append(rec, r.Texts[q.ID])
			}
		}
		rec = append(rec, r.Comment)
		cell, err := excelize.CoordinatesToCellName(1, rows+2)
		if err != nil {
			return err
		}
		rows++
		return sw.SetRow(cell, rec)
	})
	if err != nil {
		return fail(rows, fmt.Errorf("row %d: %w", rows+1, err))
	}
	if err := sw.Flush(); err != nil {
		return fail(rows, err)
	}

	mw, err := xf.NewStreamWriter(SheetMonthly)
	if err != nil {
		return fail(rows, err)
	}
	mh := []string{"month", "n", "CSAT %", "CSAT low %", "CSAT high %", "NPS"}
	mrow := make([]any, len(mh))
	for i, h := range mh {
		mrow[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := mw.SetRow("A1", mrow); err != nil {
		return fail(rows, err)
	}
	num := func(v float64) any {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return excelize.Cell{StyleID: pctStyle, Value: v}
	}
	for i, m := range monthly {
		row := []any{
			excelize.Cell{StyleID: monthStyle, Value: m.Start.Date(time.UTC)},
			m.Responses,
			nil, nil, nil, nil,
		}
		if m.CSAT.N > 0 {
			row[2], row[3], row[4] = num(m.CSAT.Percent), num(m.CSAT.Low), num(m.CSAT.High)
		}
		if m.HasNPS && m.NPS.N > 0 {
			row[5] = num(m.NPS.Score)
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return fail(rows, err)
		}
		if err := mw.SetRow(cell, row); err != nil {
			return fail(rows, err)
		}
	}
	if err := mw.Flush(); err != nil {
		return fail(rows, err)
	}
	if _, err := xf.WriteTo(w); err != nil {
		return fail(rows, err)
	}
	return rows, nil
}

// wallClock returns t's clock reading in its own zone as a UTC time, so
// the spreadsheet shows the time the response was collected where it was.
func wallClock(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}
