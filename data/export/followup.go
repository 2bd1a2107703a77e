package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"csatdesk/data"
)

// The follow-up list of unhappy customers as a CSV or XLSX file for a CRM
// such as HubSpot: one row per listed response with its ID, date, scores,
// comment, follow-up status, note and, only when asked for, the contact.
// The contact columns carry HubSpot's own property labels ("Email", "Phone
// Number") so that its import maps them without help:
//
//	response_id,collected_at,status,status_date,note,csat,nps,ces,comment,Name,Email,Phone Number,Consent to contact

// FollowUpOptions says what a follow-up export holds besides the scores.
type FollowUpOptions struct {
	// Contact adds the customer's name, email, phone and consent. Without
	// it the file holds no contact at all (contacts leave the app only
	// when asked for).
	Contact bool
}

// FollowUpSheet is the sheet name of WriteFollowUpXLSX's workbook.
const FollowUpSheet = "Follow-up"

// followUpQuestions returns the score columns of sv: the main CSAT, the
// first NPS and the first CES question, those it has.
func followUpQuestions(sv *data.Survey) (names []string, qs []data.Question) {
	if q, ok := sv.MainCSAT(); ok {
		names, qs = append(names, "csat"), append(qs, q)
	}
	if q, ok := sv.FirstOfKind(data.KindNPS); ok {
		names, qs = append(names, "nps"), append(qs, q)
	}
	if q, ok := sv.FirstOfKind(data.KindCES); ok {
		names, qs = append(names, "ces"), append(qs, q)
	}
	return names, qs
}

// FollowUpHeader returns the columns of a follow-up export of survey sv.
func FollowUpHeader(sv *data.Survey, opt FollowUpOptions) []string {
	h := []string{"response_id", "collected_at", "status", "status_date", "note"}
	names, _ := followUpQuestions(sv)
	h = append(h, names...)
	h = append(h, "comment")
	if opt.Contact {
		h = append(h, "Name", "Email", "Phone Number", "Consent to contact")
	}
	return h
}

// followUpRow returns the cells of one item: text, numbers (int) or nil,
// and times.
func followUpRow(sv *data.Survey, it *data.FollowUpItem, opt FollowUpOptions) []any {
	r := &it.Response
	var changed any
	if !it.State.At.IsZero() {
		changed = it.State.At
	}
	row := []any{r.ID.String(), r.CollectedAt, string(it.State.StatusOrNew()), changed, it.State.Note}
	_, qs := followUpQuestions(sv)
	for _, q := range qs {
		if v, ok := r.Answers[q.ID]; ok {
			row = append(row, v)
		} else {
			row = append(row, nil)
		}
	}
	row = append(row, FollowUpComment(sv, r))
	if opt.Contact {
		c := it.Contact
		row = append(row, c.Name, c.Email, c.Phone, c.Consent.String())
	}
	return row
}

// FollowUpComment is what the customer wrote on response r of sv: the
// comment and the open answers, in the survey's order, joined by " | ".
func FollowUpComment(sv *data.Survey, r *data.Response) string {
	comment := r.Comment
	for _, q := range sv.Questions {
		if t := r.Texts[q.ID]; t != "" {
			if comment != "" {
				comment += " | "
			}
			comment += t
		}
	}
	return comment
}

// WriteFollowUpCSV writes the follow-up list items of survey sv as CSV
// (UTF-8, dates in ISO 8601, formula-safe text). It returns the rows
// written.
func WriteFollowUpCSV(w io.Writer, sv *data.Survey, items []data.FollowUpItem, opt FollowUpOptions) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(FollowUpHeader(sv, opt)); err != nil {
		return 0, fmt.Errorf("export the follow-up list of %s: %w", sv.Name, err)
	}
	rec := make([]string, 0, 16)
	for i := range items {
		rec = rec[:0]
		for _, c := range followUpRow(sv, &items[i], opt) {
			switch v := c.(type) {
			case nil:
				rec = append(rec, "")
			case int:
				rec = append(rec, strconv.Itoa(v))
			case time.Time:
				rec = append(rec, v.Format(time.RFC3339))
			case string:
				rec = append(rec, Safe(v))
			}
		}
		if err := cw.Write(rec); err != nil {
			return i, fmt.Errorf("export the follow-up list of %s, row %d: %w", sv.Name, i+1, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return len(items), fmt.Errorf("export the follow-up list of %s: %w", sv.Name, err)
	}
	return len(items), nil
}

// WriteFollowUpXLSX writes the same columns as WriteFollowUpCSV as an
// Excel workbook of one sheet, FollowUpSheet: scores as numbers, dates as
// dates (the wall-clock time where they happened), text as text.
func WriteFollowUpXLSX(w io.Writer, sv *data.Survey, items []data.FollowUpItem, opt FollowUpOptions) (int, error) {
	fail := func(rows int, err error) (int, error) {
		return rows, fmt.Errorf("export the follow-up list of %s as Excel: %w", sv.Name, err)
	}
	xf := excelize.NewFile()
	defer xf.Close()
	if err := xf.SetSheetName("Sheet1", FollowUpSheet); err != nil {
		return fail(0, err)
	}
	dateFmt := "yyyy-mm-dd hh:mm"
	bold, err := xf.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fail(0, err)
	}
	dateStyle, err := xf.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return fail(0, err)
	}
	sw, err := xf.NewStreamWriter(FollowUpSheet)
	if err != nil {
		return fail(0, err)
	}
	if err := sw.SetColWidth(1, 1, 34); err != nil {
		return fail(0, err)
	}
	if err := sw.SetColWidth(2, 4, 17); err != nil {
		return fail(0, err)
	}
	header := FollowUpHeader(sv, opt)
	hrow := make([]any, len(header))
	for i, h := range header {
		hrow[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", hrow); err != nil {
		return fail(0, err)
	}
	for i := range items {
		row := followUpRow(sv, &items[i], opt)
		for j, c := range row {
			if t, ok := c.(time.Time); ok {
				row[j] = excelize.Cell{StyleID: dateStyle, Value: wallClock(t)}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return fail(i, err)
		}
		if err := sw.SetRow(cell, row); err != nil {
			return fail(i, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fail(len(items), err)
	}
	if _, err := xf.WriteTo(w); err != nil {
		return fail(len(items), err)
	}
	return len(items), nil
}
