package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

// editor holds the detail pane's fields for the selected response.
type editor struct {
	r                     data.Response
	date, channel, formNo *widget.Entry
	nums, texts           map[uint32]*widget.Entry
	comment               *widget.Entry
	msg                   *widget.Label
	save, del             *widget.Button
}

// onSelect shows the response in an editable form.
func (b *responses) onSelect(id widget.ListItemID) {
	if id >= len(b.rows) {
		return
	}
	b.selected = id
	r := b.rows[id]
	sv := b.survey
	ed := &editor{r: r, nums: map[uint32]*widget.Entry{}, texts: map[uint32]*widget.Entry{},
		date: widget.NewEntry(), channel: widget.NewEntry(), formNo: widget.NewEntry(), comment: widget.NewMultiLineEntry(), msg: wrapLabel("")}
	ed.date.SetText(r.CollectedAt.Format("2006-01-02"))
	ed.channel.SetText(r.Channel)
	ed.formNo.SetText(r.FormNumber)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Date"), ed.date), widget.NewFormItem(lang.L("Channel"), ed.channel), widget.NewFormItem(lang.L("Form number"), ed.formNo)}
	for _, q := range sv.Questions {
		if q.Retired {
			continue
		}
		e := widget.NewEntry()
		if q.Numeric() {
			if v, ok := r.Answers[q.ID]; ok {
				e.SetText(strconv.Itoa(v))
			}
			e.SetPlaceHolder(fmt.Sprintf("%d–%d", q.Min, q.Max))
			ed.nums[q.ID] = e
		} else {
			e.SetText(r.Texts[q.ID])
			ed.texts[q.ID] = e
		}
		it := widget.NewFormItem(truncate(q.Text, 40), e)
		it.HintText = truncate(scaleHint(q), 80)
		items = append(items, it)
	}
	ed.comment.SetText(r.Comment)
	ed.comment.SetMinRowsVisible(2)
	items = append(items, widget.NewFormItem(lang.L("Comment / contact"), ed.comment))
	ed.save = widget.NewButtonWithIcon(lang.L("Save changes"), theme.DocumentSaveIcon(), b.onSaveEdit)
	ed.save.Importance = widget.HighImportance
	ed.del = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { b.deleteResponses([]data.Response{r}) })
	b.edit = ed
	b.detail.Objects = []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Response {{.ID}}", map[string]any{"ID": r.ID.String()[:12]}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		stackedForm(items), container.NewHBox(ed.save, ed.del), ed.msg,
	}
	if p := b.ui.scanAuditPanel(sv, r); p != nil { // the scan beside the answers (scan.go)
		b.detail.Objects = append(b.detail.Objects, p)
	}
	if c := b.ui.follow.contactPanel(sv, r, nil); c != nil { // the contact, stored apart (followup.go)
		b.detail.Objects = append(b.detail.Objects, c)
	}
	b.detail.Refresh()
}

// onSaveEdit validates the edited response and stores it; the rollups
// follow in the same transaction.
func (b *responses) onSaveEdit() {
	ed, sv := b.edit, b.survey
	if ed == nil {
		return
	}
	n := ed.r
	n.Answers, n.Texts = map[uint32]int{}, map[uint32]string{}
	for id, v := range ed.r.Answers { // answers to retired questions stay
		if q, ok := sv.Question(id); ok && q.Retired {
			n.Answers[id] = v
		}
	}
	for id, v := range ed.r.Texts {
		if q, ok := sv.Question(id); ok && q.Retired {
			n.Texts[id] = v
		}
	}
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(ed.date.Text), time.Local)
	if err != nil {
		ed.msg.SetText(lang.L("Dates must look like 2025-09-01"))
		return
	}
	if t.Format("2006-01-02") != ed.r.CollectedAt.Format("2006-01-02") {
		n.CollectedAt = time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.Local)
	}
	n.Channel, n.FormNumber, n.Comment = strings.TrimSpace(ed.channel.Text), strings.TrimSpace(ed.formNo.Text), strings.TrimSpace(ed.comment.Text)
	for id, e := range ed.nums {
		if s := strings.TrimSpace(e.Text); s != "" {
			v, err := strconv.Atoi(s)
			if err != nil {
				q, _ := sv.Question(id)
				ed.msg.SetText(lang.L("{{.Q}}: “{{.V}}” is not a number", map[string]any{"Q": q.Text, "V": s}))
				return
			}
			n.Answers[id] = v
		}
	}
	for id, e := range ed.texts {
		if s := strings.TrimSpace(e.Text); s != "" {
			n.Texts[id] = s
		}
	}
	if err := n.Validate(sv); err != nil {
		ed.msg.SetText(errorText(err))
		return
	}
	if err := b.ui.st.UpdateResponse(n); err != nil {
		ed.msg.SetText(errorText(err))
		return
	}
	ed.r = n
	for i := range b.rows {
		if b.rows[i].ID == n.ID {
			b.rows[i] = n
			b.list.RefreshItem(i)
		}
	}
	ed.msg.SetText(lang.L("Saved."))
	b.changedHere()
}

// stackedForm lays out form items one under the other: the name (cut
// short with "…" when the pane is narrow), the field, the hint. A
// widget.Form puts the names in a column beside the fields, and question
// texts as names made opening a response widen the window to 1088 pixels.
func stackedForm(items []*widget.FormItem) fyne.CanvasObject {
	box := container.NewVBox()
	for _, it := range items {
		name := widget.NewLabelWithStyle(it.Text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		box.Add(name)
		box.Add(it.Widget)
		if it.HintText != "" {
			hint := widget.NewLabel(it.HintText)
			hint.Truncation = fyne.TextTruncateEllipsis
			hint.SizeName = theme.SizeNameCaptionText
			hint.Importance = widget.LowImportance
			box.Add(hint)
		}
	}
	return box
}
