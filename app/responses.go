package app

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/store"
)

// pageSize is how many responses one store read brings; the list loads the
// next page when it scrolls near the end, so a million responses never sit
// in memory at once.
const pageSize = 200

// responses is the browser: a survey's responses newest first, filtered,
// with a detail pane to correct or delete one, multi-select delete with
// undo, and the follow-up list of unhappy customers (data.NeedsFollowUp).
type responses struct {
	ui *UI

	surveys []data.Survey
	survey  *data.Survey

	surveySel                              *widget.Select
	from, to, channel, tag, formNo, search *widget.Entry
	maxCSAT                                *widget.Select
	followUp                               *widget.Check
	list                                   *widget.List
	status                                 *widget.Label
	detail                                 *fyne.Container
	deleteSel, undoBtn                     *widget.Button

	rows     []data.Response
	checked  map[data.ResponseID]bool
	cursor   []byte
	more     bool
	loading  bool
	gen      int
	stale    atomic.Int64 // the current gen, for the loader to notice it is outdated
	scanned  int
	undone   *store.Deleted // last deleted, as stored, for undo
	edit     *editor        // the selected response's fields
	selected int
}

func newResponses(u *UI) *responses {
	return &responses{ui: u, checked: map[data.ResponseID]bool{}, selected: -1}
}

func (b *responses) buildUI() fyne.CanvasObject {
	b.surveySel = widget.NewSelect(nil, func(string) { b.onSurvey() })
	mk := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.OnSubmitted = func(string) { b.apply() }
		return e
	}
	b.from, b.to = mk("YYYY-MM-DD"), mk("YYYY-MM-DD")
	b.channel, b.tag, b.formNo = mk(lang.L("e.g. paper")), mk(lang.L("e.g. location=Old Town")), mk(lang.L("e.g. A-0012"))
	b.search = mk(lang.L("words in comments"))
	b.maxCSAT = widget.NewSelect([]string{lang.L("any"), "≤ 1", "≤ 2", "≤ 3", "≤ 4"}, func(string) { b.apply() })
	b.maxCSAT.SetSelectedIndex(0)
	b.followUp = widget.NewCheck(lang.L("Follow-up list: unhappy customers who left a comment or contact"), func(bool) { b.apply() })
	b.status = widget.NewLabel("")
	b.detail = container.NewVBox(widget.NewLabel(lang.L("Select a response to see or correct it.")))
	b.deleteSel = widget.NewButtonWithIcon(lang.L("Delete checked…"), theme.DeleteIcon(), b.onDeleteChecked)
	b.undoBtn = widget.NewButtonWithIcon(lang.L("Undo delete"), theme.ContentUndoIcon(), b.onUndo)
	b.undoBtn.Disable()

	b.list = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject {
			return newCheckRow("2026-01-01  A-0000  paper  5 · 10 · 9")
		},
		b.updateRow,
	)
	b.list.OnSelected = b.onSelect

	filters := container.NewAdaptiveGrid(4,
		labelled(lang.L("Survey"), b.surveySel), labelled(lang.L("From"), b.from), labelled(lang.L("To"), b.to), labelled(lang.L("Channel"), b.channel),
		labelled(lang.L("Segment"), b.tag), labelled(lang.L("Form number"), b.formNo), labelled(lang.L("Search"), b.search), labelled(lang.L("CSAT answer"), b.maxCSAT),
	)
	top := container.NewVBox(filters, container.NewHBox(b.followUp, widget.NewButtonWithIcon(lang.L("Apply"), theme.SearchIcon(), b.apply)))
	bottom := container.NewHBox(b.status, layoutSpacer(), b.deleteSel, b.undoBtn)
	split := container.NewHSplit(b.list, container.NewVScroll(container.NewPadded(b.detail)))
	split.Offset = 0.6
	return container.NewBorder(top, bottom, nil, nil, split)
}

func (b *responses) reload() {
	var names []string
	var err error
	if b.surveys, names, err = b.ui.activeSurveys(); err != nil {
		b.ui.showError(err)
		return
	}
	b.surveySel.SetOptions(names)
	if len(names) > 0 && b.surveySel.SelectedIndex() < 0 {
		b.surveySel.SetSelectedIndex(0)
	} else {
		b.onSurvey()
	}
}

func (b *responses) onSurvey() {
	i := b.surveySel.SelectedIndex()
	if i < 0 || i >= len(b.surveys) {
		return
	}
	b.survey = &b.surveys[i]
	b.apply()
}

// current reads the filter fields.
func (b *responses) current() (data.ResponseFilter, error) {
	f := data.ResponseFilter{Channel: strings.TrimSpace(b.channel.Text), Tag: strings.TrimSpace(b.tag.Text),
		FormNumber: strings.TrimSpace(b.formNo.Text), Search: strings.TrimSpace(b.search.Text), FollowUp: b.followUp.Checked}
	for _, p := range []struct {
		e *widget.Entry
		d *data.Day
	}{{b.from, &f.From}, {b.to, &f.To}} {
		if s := strings.TrimSpace(p.e.Text); s != "" {
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				return f, fmt.Errorf("%s", lang.L("Dates must look like 2025-09-01"))
			}
			*p.d = data.DayOf(t)
		}
	}
	if i := b.maxCSAT.SelectedIndex(); i > 0 {
		f.MaxCSAT = i
	}
	if f.Tag != "" && !strings.Contains(f.Tag, "=") {
		return f, fmt.Errorf("%s", lang.L("Write a segment as NAME=VALUE, e.g. location=Old Town"))
	}
	return f, nil
}

// apply starts a fresh listing with the current filter.
func (b *responses) apply() {
	if b.survey == nil || b.list == nil {
		return
	}
	b.gen++
	b.stale.Store(int64(b.gen))
	b.loading = false
	b.rows, b.cursor, b.more, b.scanned, b.selected = nil, nil, true, 0, -1
	b.checked = map[data.ResponseID]bool{}
	b.list.UnselectAll()
	b.list.Refresh()
	b.loadMore()
}

// loadMore reads pages from the store until a page's worth of matches is
// found or the responses run out; the UI stays live meanwhile.
func (b *responses) loadMore() {
	if b.loading || !b.more || b.survey == nil {
		return
	}
	f, err := b.current()
	if err != nil {
		b.status.SetText(err.Error())
		return
	}
	b.loading = true
	gen, sid, cursor := b.gen, b.survey.ID, b.cursor
	main, hasMain := b.survey.MainCSAT()
	b.status.SetText(lang.L("Loading…"))
	st := b.ui.st
	var found []data.Response
	scanned, more := 0, true
	b.ui.background(func() {
		for len(found) < pageSize && more {
			var page []data.Response
			page, cursor, err = st.ResponsesBefore(sid, cursor, pageSize*5)
			if err != nil {
				return
			}
			scanned += len(page)
			for i := range page {
				if f.Match(&page[i], main, hasMain) {
					found = append(found, page[i])
				}
			}
			more = cursor != nil
			if b.stale.Load() != int64(gen) {
				return // a newer filter took over
			}
		}
	}, func() {
		if gen != b.gen {
			return
		}
		b.loading = false
		if err != nil {
			b.status.SetText(err.Error())
			return
		}
		b.rows = append(b.rows, found...)
		b.cursor, b.more = cursor, more
		b.scanned += scanned
		b.list.Refresh()
		b.showCount()
	})
}

func (b *responses) showCount() {
	text := lang.N("{{.Count}} response shown", len(b.rows), map[string]any{"Count": len(b.rows)})
	if b.more {
		text += " · " + lang.L("scroll for more")
	}
	b.status.SetText(text)
}

// updateRow fills one list row and loads the next page near the end.
func (b *responses) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(b.rows) {
		return
	}
	if id >= len(b.rows)-20 {
		b.loadMore()
	}
	r := b.rows[id]
	row := o.(*checkRow)
	check := row.check
	row.text.SetText(b.summary(&r))
	check.OnChanged = nil
	check.SetChecked(b.checked[r.ID])
	rid := r.ID
	check.OnChanged = func(on bool) {
		if on {
			b.checked[rid] = true
		} else {
			delete(b.checked, rid)
		}
	}
}

// summary is a response on one line: date, number, channel, answers, comment.
func (b *responses) summary(r *data.Response) string {
	parts := []string{fmtDay(r.Day())}
	if r.FormNumber != "" {
		parts = append(parts, r.FormNumber)
	}
	if r.Channel != "" {
		parts = append(parts, r.Channel)
	}
	if loc := r.Tags[data.TagLocation]; loc != "" {
		parts = append(parts, loc)
	}
	var ans []string
	for _, q := range b.survey.Questions {
		if !q.Numeric() {
			continue
		}
		if v, ok := r.Answers[q.ID]; ok {
			ans = append(ans, describeAnswer(q, v))
		} else {
			ans = append(ans, "–")
		}
	}
	line := strings.Join(parts, "  ") + "   " + strings.Join(ans, " · ")
	if c := strings.TrimSpace(r.Comment); c != "" {
		line += "   “" + truncate(c, 60) + "”"
	}
	return line
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

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
		widget.NewForm(items...), container.NewHBox(ed.save, ed.del), ed.msg,
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
		ed.msg.SetText(err.Error())
		return
	}
	if err := b.ui.st.UpdateResponse(n); err != nil {
		ed.msg.SetText(err.Error())
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
	b.ui.dataChanged()
}

func (b *responses) onDeleteChecked() {
	var rs []data.Response
	for _, r := range b.rows {
		if b.checked[r.ID] {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		b.status.SetText(lang.L("Tick the responses to delete first."))
		return
	}
	dialog.ShowConfirm(lang.L("Delete responses"),
		lang.N("Delete {{.Count}} response? You can undo this until you delete again.", len(rs), map[string]any{"Count": len(rs)}),
		func(ok bool) {
			if ok {
				b.deleteResponses(rs)
			}
		}, b.ui.win)
}

// deleteResponses removes rs (rollups follow in the same transaction) and
// keeps what the store removed, byte for byte, for Undo.
func (b *responses) deleteResponses(rs []data.Response) {
	ids := make([]data.ResponseID, len(rs))
	gone := map[data.ResponseID]bool{}
	for i, r := range rs {
		ids[i] = r.ID
		gone[r.ID] = true
	}
	deleted, err := b.ui.st.DeleteResponsesUndoable(b.survey.ID, ids)
	if err != nil {
		b.ui.showError(err)
		return
	}
	b.undone = deleted
	b.undoBtn.Enable()
	kept := b.rows[:0]
	for _, r := range b.rows {
		if !gone[r.ID] {
			kept = append(kept, r)
		}
	}
	b.rows = kept
	b.checked = map[data.ResponseID]bool{}
	b.list.UnselectAll()
	b.list.Refresh()
	b.detail.Objects = []fyne.CanvasObject{widget.NewLabel(lang.N("Deleted {{.Count}} response.", len(rs), map[string]any{"Count": len(rs)}))}
	b.detail.Refresh()
	b.ui.dataChanged()
}

// onUndo puts the last deleted responses back exactly as they were stored:
// IDs, entry times, sources and the import they came with. When the store
// refuses (they, or the same respondents, are stored again, or their
// import was removed since) nothing is written and Undo is given up.
func (b *responses) onUndo() {
	if b.undone.Len() == 0 {
		return
	}
	err := b.ui.st.RestoreResponses(b.undone)
	b.undone = nil
	b.undoBtn.Disable()
	if err != nil {
		b.ui.showError(err)
		return
	}
	b.ui.dataChanged()
	b.apply()
}
