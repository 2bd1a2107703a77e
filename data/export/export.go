// Package export writes a survey's responses as a CSV file a spreadsheet
// opens safely: UTF-8, one row per response, ISO 8601 dates, a column per
// segment tag and per question (named by its code, else q<ID>), numeric
// answers as numbers and open answers as text.
//
// The header is the layout CSAT Desk's importer recognises as its own:
//
//	response_id,collected_at,channel,form_number,tag:location,overall,nps,comment
//
// Any cell that a spreadsheet would run as a formula (starting with = + - @,
// a tab or a carriage return) is prefixed with an apostrophe.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"csatdesk/data"
)

// Header returns the CSV header for survey sv with the given tag columns.
func Header(sv *data.Survey, tags []string) []string {
	h := []string{"response_id", "collected_at", "channel", "form_number"}
	for _, t := range tags {
		h = append(h, "tag:"+t)
	}
	for _, q := range sv.Questions {
		h = append(h, ColumnName(q))
	}
	return append(h, "comment")
}

// ColumnName is the export column of question q: its code, else q<ID>.
func ColumnName(q data.Question) string {
	if q.Code != "" {
		return q.Code
	}
	return "q" + strconv.FormatUint(uint64(q.ID), 10)
}

// Each calls fn for every response to export, in order, stopping at the
// first error; the store's EachResponse fits it with a closure.
type Each func(fn func(data.Response) error) error

// WriteCSV writes the header and one row per response produced by each.
// It returns the number of rows written.
func WriteCSV(w io.Writer, sv *data.Survey, tags []string, each Each) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header(sv, tags)); err != nil {
		return 0, fmt.Errorf("export %s: %w", sv.Name, err)
	}
	rows := 0
	rec := make([]string, 0, 5+len(tags)+len(sv.Questions))
	err := each(func(r data.Response) error {
		rec = rec[:0]
		rec = append(rec, r.ID.String(), r.CollectedAt.Format(time.RFC3339), Safe(r.Channel), Safe(r.FormNumber))
		for _, t := range tags {
			rec = append(rec, Safe(r.Tags[t]))
		}
		for _, q := range sv.Questions {
			if q.Numeric() {
				if v, ok := r.Answers[q.ID]; ok {
					rec = append(rec, strconv.Itoa(v))
				} else {
					rec = append(rec, "")
				}
			} else {
				rec = append(rec, Safe(r.Texts[q.ID]))
			}
		}
		rec = append(rec, Safe(r.Comment))
		rows++
		return cw.Write(rec)
	})
	if err != nil {
		return rows, fmt.Errorf("export %s, row %d: %w", sv.Name, rows+1, err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return rows, fmt.Errorf("export %s: %w", sv.Name, err)
	}
	return rows, nil
}

// Safe neutralises spreadsheet formula injection: text starting with
// = + - @, a tab or a carriage return gets a leading apostrophe.
func Safe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
