package app

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	header                                 *fyne.Container // the column headings (responses_rows.go)
	cols                                   *responseColumns
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
	root     fyne.CanvasObject // the screen, to know when its tab is shown
	outdated bool              // responses changed on another screen since the list was read
	own      bool              // the change being announced is this screen's own
}

func newResponses(u *UI) *responses {
	return &responses{ui: u, checked: map[data.ResponseID]bool{}, selected: -1, cols: &responseColumns{}}
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
	// A Select asks for the width of its placeholder: Fyne's "(Select one)"
	// made each of the four filter columns 235 pixels and the screen 939
	// wide, wider than a 1024-pixel screen beside the sidebar.
	b.surveySel.PlaceHolder, b.maxCSAT.PlaceHolder = "–", "–"
	b.followUp = widget.NewCheck(lang.L("Follow-up list: unhappy customers who left a comment or contact"), func(bool) { b.apply() })
	b.status = widget.NewLabel("")
	b.detail = container.NewVBox(widget.NewLabel(lang.L("Select a response to see or correct it.")))
	b.deleteSel = widget.NewButtonWithIcon(lang.L("Delete checked…"), theme.DeleteIcon(), b.onDeleteChecked)
	b.undoBtn = widget.NewButtonWithIcon(lang.L("Undo delete"), theme.ContentUndoIcon(), b.onUndo)
	b.undoBtn.Disable()

	b.list = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject { return newResponseRow(b.cols) },
		b.updateRow,
	)
	b.list.OnSelected = b.onSelect

	filters := container.NewAdaptiveGrid(4,
		labelled(lang.L("Survey"), b.surveySel), labelled(lang.L("From"), b.from), labelled(lang.L("To"), b.to), labelled(lang.L("Channel"), b.channel),
		labelled(lang.L("Segment"), b.tag), labelled(lang.L("Form number"), b.formNo), labelled(lang.L("Search"), b.search), labelled(lang.L("CSAT answer"), b.maxCSAT),
	)
	top := container.NewVBox(filters, container.NewHBox(b.followUp, widget.NewButtonWithIcon(lang.L("Apply"), theme.SearchIcon(), b.apply)))
	bottom := container.NewHBox(b.status, layoutSpacer(), b.deleteSel, b.undoBtn)
	b.header = container.New(columnsLayout{b.cols})
	// The headings sit over the cells: indented by the rows' tick box.
	tick := widget.NewCheck("", nil)
	indent := canvasSpacer(fyne.NewSize(tick.MinSize().Width, 1))
	// The headings are clipped as the rows are (by a scroll that does not
	// scroll): beyond a narrow list they were drawn over the detail pane.
	heads := container.NewScroll(b.header)
	heads.Direction = container.ScrollNone
	table := container.NewBorder(container.NewBorder(nil, nil, indent, nil, heads), nil, nil, nil, b.list)
	split := container.NewHSplit(table, container.NewVScroll(container.NewPadded(b.detail)))
	split.Offset = 0.7
	b.root = container.NewBorder(top, bottom, nil, nil, split)
	return b.root
}

// responsesChanged notes that responses changed on another screen: the
// list is read again when its tab is next shown (onShown), not once for
// every form typed elsewhere.
func (b *responses) responsesChanged() {
	if !b.own {
		b.outdated = true
	}
}

// onShown re-reads the list when responses changed elsewhere meanwhile.
func (b *responses) onShown() {
	if b.outdated {
		b.apply()
	}
}

// changedHere tells every screen about a change made on this one.
func (b *responses) changedHere() {
	b.own = true
	defer func() { b.own = false }()
	b.ui.dataChanged()
}

func (b *responses) reload() {
	var names []string
	var err error
	if b.surveys, names, err = b.ui.activeSurveys(); err != nil {
		b.ui.showError(err)
		return
	}
	b.surveySel.SetOptions(names)
	if len(names) == 0 {
		b.survey, b.rows = nil, nil
		b.list.Refresh()
		b.status.SetText("")
		b.say(lang.L("There are no surveys yet. Create one under Surveys (Ctrl+2), or try the sample café on the Dashboard (Ctrl+1)."))
		return
	}
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
	b.setColumns()
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
	b.outdated = false
	b.stale.Store(int64(b.gen))
	b.loading = false
	b.rows, b.cursor, b.more, b.scanned, b.selected = nil, nil, true, 0, -1
	b.checked = map[data.ResponseID]bool{}
	b.list.UnselectAll()
	b.list.Refresh()
	b.say(lang.L("Select a response to see or correct it."))
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
		b.status.SetText(errorText(err))
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
			b.status.SetText(errorText(err))
			return
		}
		b.rows = append(b.rows, found...)
		b.cursor, b.more = cursor, more
		b.scanned += scanned
		b.list.Refresh()
		b.showCount()
		if len(b.rows) == 0 && !b.more {
			b.sayWhyEmpty(f)
		}
	})
}

// say shows msg, word wrapped, in the detail pane.
func (b *responses) say(msg string) {
	b.detail.Objects = []fyne.CanvasObject{wrapLabel(msg)}
	b.detail.Refresh()
}

// sayWhyEmpty tells what to do when the list is empty: enter or import
// responses, or change the filters.
func (b *responses) sayWhyEmpty(f data.ResponseFilter) {
	if f == (data.ResponseFilter{}) {
		b.say(lang.L("This survey has no responses yet. Type in paper forms under Enter forms (Ctrl+3), or bring in a file under Import (Ctrl+5)."))
		return
	}
	b.say(lang.L("No response matches these filters. Clear some of them and press Apply."))
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
	row := o.(*responseRow)
	check := row.check
	row.setCells(b.cells(&r))
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

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
