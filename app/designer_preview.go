package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"csatdesk/data"
)

// updatePreview shows how the selected question reads on paper.
func (d *designer) updatePreview() {
	q := d.current()
	if q == nil {
		d.previewText.SetText("")
		d.previewScale.SetText("")
		d.previewNote.SetText("")
		return
	}
	d.previewText.SetText(fmt.Sprintf("%d. %s", d.sel+1, strings.TrimSpace(q.Text)))
	d.previewScale.SetText(paperScale(*q))
	note := ""
	switch {
	case q.Kind == data.KindRating || q.Kind == data.KindNPS || q.Kind == data.KindCES:
		if q.SatisfiedFrom >= q.Min && q.SatisfiedFrom <= q.Max {
			note = lang.L("Counts as satisfied: {{.From}}–{{.To}}", map[string]any{"From": q.SatisfiedFrom, "To": q.Max})
		}
	case q.Kind == data.KindYesNo:
		note = lang.L("Counts as satisfied: {{.Answer}}", map[string]any{"Answer": q.Label(q.SatisfiedFrom)})
	}
	if q.Required {
		if note != "" {
			note += " · "
		}
		note += lang.L("answer required")
	}
	d.previewNote.SetText(note)
}

// paperScale draws the answer area of q as text: circled points with their
// labels, tick boxes for yes/no and choices, lines for open text.
func paperScale(q data.Question) string {
	switch q.Kind {
	case data.KindText:
		return "______________________________________________\n______________________________________________"
	case data.KindYesNo:
		return "☐ " + nonEmpty(q.Label(1), "1") + "     ☐ " + nonEmpty(q.Label(0), "0")
	case data.KindChoice:
		var parts []string
		for _, c := range q.Choices {
			parts = append(parts, "☐ "+c)
		}
		return strings.Join(parts, "     ")
	}
	var parts []string
	for v := q.Min; v <= q.Max; v++ {
		p := "( " + strconv.Itoa(v) + " )"
		if l := q.Label(v); l != "" && l != strconv.Itoa(v) {
			p += " " + l
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "   ")
}

func nonEmpty(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}
