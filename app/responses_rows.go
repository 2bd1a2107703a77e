package app

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

// The responses list in columns: date, form number, channel, location, one
// narrow column per scored question (headed Q1, Q2… as on the form), and
// the open answers and comment in the rest of the row; a header row names
// them. While a search is on, the last column shows where the words were
// found (a comment or an open answer), not the start of the comment.

// responseColumns are the column widths of the list, shared by the header
// and every row; the last column takes what is left.
type responseColumns struct {
	widths []float32
}

// optionalColumn is the column left out when the row is too narrow for
// the comment column to get at least minLastColumn: the location (a
// segment the filters still reach).
const (
	optionalColumn = 3
	minLastColumn  = 160
)

// columnsLayout lays out cells at the widths of cols, the last one taking
// the rest of the row. Its minimum width is small on purpose: a row never
// makes the window wider; cells beyond a narrow list are clipped.
type columnsLayout struct{ cols *responseColumns }

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	for i := range objs[:max(len(objs)-1, 0)] {
		if i < len(l.cols.widths) {
			fixed += l.cols.widths[i] + pad
		}
	}
	drop := size.Width-fixed < minLastColumn && len(objs) > optionalColumn+1 && optionalColumn < len(l.cols.widths)
	x := float32(0)
	for i, o := range objs {
		w := size.Width - x
		if i < len(l.cols.widths) && i < len(objs)-1 {
			w = l.cols.widths[i]
		}
		if i == optionalColumn && drop {
			o.Hide()
			continue
		}
		o.Show()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(max(w, 0), size.Height))
		x += w + pad
	}
}

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(200, h)
}

// cellLabel is a one-line cell that ends in an ellipsis when too long.
func cellLabel(bold bool) *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	l.TextStyle.Bold = bold
	return l
}

// responseRow is a list row: a tick box, then the response in columns.
type responseRow struct {
	widget.BaseWidget
	check *widget.Check
	cells *fyne.Container
	cols  *responseColumns
}

func newResponseRow(cols *responseColumns) *responseRow {
	r := &responseRow{check: widget.NewCheck("", nil), cols: cols}
	r.cells = container.New(columnsLayout{cols})
	r.setCells([]string{"2026-01-01", "A-0000", "paper", "", "5", "…"})
	r.ExtendBaseWidget(r)
	return r
}

// setCells shows texts, one per column, adding or dropping cells as the
// survey's column count changes.
func (r *responseRow) setCells(texts []string) {
	for len(r.cells.Objects) < len(texts) {
		r.cells.Add(cellLabel(false))
	}
	r.cells.Objects = r.cells.Objects[:len(texts)]
	for i, t := range texts {
		r.cells.Objects[i].(*widget.Label).SetText(t)
	}
	r.cells.Refresh()
}

// CreateRenderer draws the tick box and the cells.
func (r *responseRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.check, nil, r.cells))
}

// questionHeader is the column heading of the n-th question (1-based).
func questionHeader(n int) string { return lang.L("Q{{.N}}", map[string]any{"N": n}) }

// answerText is an answer as the list shows it: yes/no in the UI
// language, a choice by its label, a number otherwise.
func answerText(q data.Question, v int) string {
	switch q.Kind {
	case data.KindYesNo:
		if v == 1 {
			return lang.L("Yes")
		}
		return lang.L("No")
	case data.KindChoice:
		if l := q.Label(v); l != "" {
			return l
		}
	}
	return fmt.Sprint(v)
}

// setColumns fits the columns to the survey: headers and widths.
func (b *responses) setColumns() {
	if b.survey == nil {
		return
	}
	size, bold := theme.TextSize(), fyne.TextStyle{Bold: true}
	pad := 2*theme.InnerPadding() + 2
	width := func(texts ...string) float32 {
		w := float32(0)
		for _, t := range texts {
			w = max(w, fyne.MeasureText(t, size, bold).Width)
		}
		return w + pad
	}
	headers := []string{lang.L("Date"), lang.L("Form"), lang.L("Channel"), lang.L("Location")}
	widths := []float32{
		width(append([]string{headers[0]}, widestDates()...)...),
		width(headers[1], "A-0000"),
		width(headers[2], "in person"),
		width(headers[3], "Old Town"),
	}
	n := 0
	for _, q := range b.survey.Questions {
		if q.Retired {
			continue
		}
		n++
		if !q.Numeric() {
			continue
		}
		h := questionHeader(n)
		headers = append(headers, h)
		samples := []string{h, "10"}
		if q.Kind == data.KindYesNo {
			samples = append(samples, lang.L("Yes"), lang.L("No"))
		}
		widths = append(widths, min(width(samples...), 90))
	}
	headers = append(headers, lang.L("Comment and open answers"))
	b.cols.widths = widths
	cells := make([]fyne.CanvasObject, len(headers))
	for i, h := range headers {
		l := cellLabel(true)
		l.SetText(h)
		cells[i] = l
	}
	b.header.Objects = cells
	b.header.Refresh()
}

// widestDates are a date of every month, as the list writes them (the
// widest sets the date column: "10 May 2026" is wider than "28 Dec 2026").
func widestDates() []string {
	var out []string
	for m := time.January; m <= time.December; m++ {
		out = append(out, fmtDate(time.Date(2026, m, 28, 0, 0, 0, 0, time.Local)))
	}
	return out
}

// cells is a response as the list shows it, one text per column.
func (b *responses) cells(r *data.Response) []string {
	out := []string{fmtDay(r.Day()), r.FormNumber, r.Channel, r.Tags[data.TagLocation]}
	var texts []string
	for _, q := range b.survey.Questions {
		if q.Retired {
			continue
		}
		if !q.Numeric() {
			if t := strings.TrimSpace(r.Texts[q.ID]); t != "" {
				texts = append(texts, t)
			}
			continue
		}
		if v, ok := r.Answers[q.ID]; ok {
			out = append(out, answerText(q, v))
		} else {
			out = append(out, "–")
		}
	}
	if c := strings.TrimSpace(r.Comment); c != "" {
		texts = append(texts, c)
	}
	last := strings.Join(texts, " · ")
	if s := strings.TrimSpace(b.search.Text); s != "" {
		for _, t := range texts {
			if hit, ok := around(t, s, 70); ok {
				last = hit
				break
			}
		}
	}
	if last != "" {
		last = "“" + truncate(strings.ReplaceAll(last, "\n", " "), 200) + "”"
	}
	return append(out, last)
}

// around returns the part of text around the first match of words (case
// folded), at most n runes, with "…" where it was cut.
func around(text, words string, n int) (string, bool) {
	lower, w := strings.ToLower(text), strings.ToLower(words)
	i := strings.Index(lower, w)
	if i < 0 || len(lower) != len(text) {
		if i < 0 {
			return "", false
		}
		return truncate(text, n), true // case folding changed the length: show the start
	}
	start := utf8.RuneCountInString(text[:i])
	rs := []rune(text)
	from := max(0, start-n/3)
	to := min(len(rs), from+n)
	out := string(rs[from:to])
	if from > 0 {
		out = "…" + out
	}
	if to < len(rs) {
		out += "…"
	}
	return out, true
}
