package app

import (
	"errors"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/insight"
)

// wavesScreen shows a survey's collection periods ("waves") with their
// response rate (forms returned ÷ forms printed) and paper entry lag, and
// adds, edits and deletes them, in a dialog over the dashboard.
type wavesScreen struct {
	ui     *UI
	survey data.Survey
	plan   insight.WavePlan
	stats  []insight.WaveStats
	sel    int // index in plan.Waves (date order) in the form; -1: new

	list           *widget.List
	next, printed  *widget.Label
	name, from, to *widget.Entry
	repeat         *dropdown
	msg            *widget.Label
	del            *widget.Button
	dlg            dialog.Dialog
	changed        func()
}

// repeatChoices are the months a next wave may be due after the last.
var repeatChoices = []int{6, 7, 8, 9, 10, 11, 12}

// showWaves opens the waves of survey sv; changed runs after a save.
func (u *UI) showWaves(sv data.Survey, changed func()) *wavesScreen {
	plan, err := insight.LoadWaves(u.st, sv.ID)
	if err != nil {
		u.showError(err)
		return nil
	}
	w := &wavesScreen{ui: u, survey: sv, plan: plan, sel: -1, changed: changed}
	w.dlg = dialog.NewCustomWithoutButtons(lang.L("Waves of '{{.Name}}'", map[string]any{"Name": sv.Name}), w.buildUI(), u.win)
	s := u.win.Canvas().Size()
	w.dlg.Resize(fyne.NewSize(min(900, s.Width-32), min(520, s.Height-32)))
	w.dlg.Show()
	w.onNew()
	w.recount()
	return w
}

func (w *wavesScreen) buildUI() fyne.CanvasObject {
	w.list = widget.NewList(func() int { return len(w.plan.Waves) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("\n")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(w.waveText(i))
			w.list.SetItemHeight(i, o.MinSize().Height)
		})
	w.list.OnSelected = func(i widget.ListItemID) { w.edit(i) }
	w.next, w.printed = wrapLabel(""), wrapLabel("")
	w.printed.Importance = widget.LowImportance
	w.name, w.from, w.to = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	w.name.SetPlaceHolder(lang.L("e.g. Spring 2026"))
	w.from.SetPlaceHolder("YYYY-MM-DD")
	w.to.SetPlaceHolder("YYYY-MM-DD")
	for _, e := range []*widget.Entry{w.name, w.from, w.to} {
		e.OnSubmitted = func(string) { w.onSave() }
	}
	var months []string
	for _, m := range repeatChoices {
		months = append(months, lang.L("{{.N}} months", map[string]any{"N": m}))
	}
	w.repeat = w.ui.dropdown(months, func(string) { w.onRepeat() })
	for i, m := range repeatChoices {
		if m == w.plan.Repeat() {
			selectQuietly(&w.repeat.Select, i)
		}
	}
	w.msg = wrapLabel("")
	w.msg.Importance = widget.DangerImportance
	save := widget.NewButtonWithIcon(lang.L("Save wave"), theme.DocumentSaveIcon(), w.onSave)
	save.Importance = widget.HighImportance
	w.del = widget.NewButtonWithIcon(lang.L("Delete wave"), theme.DeleteIcon(), w.onDelete)
	newBtn := widget.NewButtonWithIcon(lang.L("New wave"), theme.ContentAddIcon(), w.onNew)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), w.name),
		widget.NewFormItem(lang.L("From"), w.from),
		widget.NewFormItem(lang.L("To"), w.to),
		widget.NewFormItem(lang.L("Next wave after"), w.repeat),
	)
	right := container.NewBorder(nil, container.NewVBox(w.msg, container.NewHBox(save, w.del, newBtn, layoutSpacer(),
		widget.NewButton(lang.L("Close"), func() { w.dlg.Hide() }))), nil, nil,
		container.NewVScroll(container.NewVBox(form, w.next, w.printed)))
	split := container.NewHSplit(w.list, right)
	split.Offset = 0.55
	return split
}

// waveText is a wave in the list with its figures.
func (w *wavesScreen) waveText(i int) string {
	x := w.plan.Waves[i]
	head := x.Name + " · " + fmtDay(x.From) + " – " + fmtDay(x.To)
	if i >= len(w.stats) || w.stats[i].Wave != x {
		return head + "\n" + lang.L("counting…")
	}
	s := w.stats[i]
	parts := []string{lang.L("responses: {{.N}}", map[string]any{"N": s.Responses})}
	if s.Rate.Printed > 0 {
		parts = append(parts, lang.L("{{.Returned}} of {{.Printed}} printed forms returned ({{.Rate}} %)", map[string]any{
			"Returned": s.Rate.Returned, "Printed": s.Rate.Printed, "Rate": fmtNumber(s.Rate.Percent(), 0)}))
	} else {
		parts = append(parts, lang.L("no printed forms recorded"))
	}
	if s.Lag.N > 0 {
		parts = append(parts, lang.L("paper typed in after {{.Median}} days (median), 90 % within {{.P90}} days", map[string]any{
			"Median": fmtNumber(s.Lag.Median, lagDecimals(s.Lag.Median)), "P90": fmtNumber(s.Lag.P90, lagDecimals(s.Lag.P90))}))
	}
	return head + "\n" + strings.Join(parts, " · ")
}

// lagDecimals shows short lags to a tenth of a day.
func lagDecimals(v float64) int {
	if math.Abs(v) < 10 {
		return 1
	}
	return 0
}

// recount computes the waves' figures in the background.
func (w *wavesScreen) recount() {
	plan := w.plan
	var stats []insight.WaveStats
	var err error
	w.ui.background(func() {
		stats, err = insight.WavesStats(w.ui.st, w.ui.st, w.survey.ID, plan)
	}, func() {
		if err != nil {
			w.msg.SetText(errorText(err))
			return
		}
		w.stats = stats
		w.list.Refresh()
	})
	w.showPlan()
}

// showPlan says when the next wave is due and what was printed.
func (w *wavesScreen) showPlan() {
	if due, ok := w.plan.NextDue(); ok {
		w.next.SetText(lang.L("The next wave is due by {{.Date}}.", map[string]any{"Date": fmtDay(due)}))
	} else {
		w.next.SetText(lang.L("No waves yet: add the period you collect forms in, then repeat every 6 to 12 months."))
	}
	n := 0
	for _, b := range w.plan.Printed {
		n += b.Count
	}
	w.printed.SetText(lang.L("Forms printed so far: {{.N}} (the print command records them; a wave counts the forms printed after the previous wave, up to its end).", map[string]any{"N": n}))
}

// edit puts wave i in the form.
func (w *wavesScreen) edit(i int) {
	if i < 0 || i >= len(w.plan.Waves) {
		return
	}
	w.sel = i
	x := w.plan.Waves[i]
	w.name.SetText(x.Name)
	w.from.SetText(dayText(x.From))
	w.to.SetText(dayText(x.To))
	w.msg.SetText("")
	w.del.Enable()
}

// onNew empties the form for a new wave.
func (w *wavesScreen) onNew() {
	w.sel = -1
	w.list.UnselectAll()
	w.name.SetText("")
	w.from.SetText("")
	w.to.SetText("")
	w.msg.SetText("")
	w.del.Disable()
	w.ui.win.Canvas().Focus(w.name)
}

// read reads the form; the error names the field.
func (w *wavesScreen) read() (insight.Wave, error) {
	x := insight.Wave{Name: strings.TrimSpace(w.name.Text)}
	// A date that does not parse stays 0: Validate names the field.
	x.From, _ = insight.ParseDate(w.from.Text)
	x.To, _ = insight.ParseDate(w.to.Text)
	var others []insight.Wave
	for i, o := range w.plan.Waves {
		if i != w.sel {
			others = append(others, o)
		}
	}
	if err := x.Validate(others); err != nil {
		var p *insight.InputProblem
		if errors.As(err, &p) {
			return x, errors.New(p.Text(texts{}))
		}
		return x, err
	}
	return x, nil
}

// onSave validates and stores the wave in the form.
func (w *wavesScreen) onSave() {
	x, err := w.read()
	if err != nil {
		w.msg.SetText(err.Error())
		return
	}
	plan := w.plan
	plan.Waves = append([]insight.Wave(nil), plan.Waves...)
	if w.sel >= 0 {
		plan.Waves[w.sel] = x
	} else {
		plan.Waves = append(plan.Waves, x)
	}
	if !w.store(plan) {
		return
	}
	w.onNew()
}

// onDelete deletes the wave in the form after asking.
func (w *wavesScreen) onDelete() {
	if w.sel < 0 {
		return
	}
	i := w.sel
	dialog.ShowConfirm(lang.L("Delete wave"), lang.L("Delete the wave {{.Name}}? Its responses stay.", map[string]any{"Name": w.plan.Waves[i].Name}), func(ok bool) {
		if !ok {
			return
		}
		plan := w.plan
		plan.Waves = append(append([]insight.Wave(nil), plan.Waves[:i]...), plan.Waves[i+1:]...)
		if w.store(plan) {
			w.onNew()
		}
	}, w.ui.win)
}

// onRepeat stores how long after a wave the next is due.
func (w *wavesScreen) onRepeat() {
	plan := w.plan
	plan.RepeatMonths = repeatChoices[max(w.repeat.SelectedIndex(), 0)]
	w.store(plan)
}

// store saves plan, recounts and tells the dashboard; false on an error.
func (w *wavesScreen) store(plan insight.WavePlan) bool {
	if err := insight.SaveWaves(w.ui.st, w.survey.ID, plan); err != nil {
		w.msg.SetText(errorText(err))
		return false
	}
	w.plan = plan
	w.list.Refresh()
	w.recount()
	if w.changed != nil {
		w.changed()
	}
	return true
}

// waveReminder is the dashboard's line about survey sv's next wave, "" when
// none is due soon.
func waveReminder(st insight.SettingStore, sv data.Survey, today data.Day) string {
	plan, err := insight.LoadWaves(st, sv.ID)
	if err != nil {
		return ""
	}
	due, show := plan.Reminder(today)
	if !show {
		return ""
	}
	if due < today {
		return lang.L("The next wave of '{{.Name}}' was due on {{.Date}}: time to hand out forms again.", map[string]any{"Name": sv.Name, "Date": fmtDay(due)})
	}
	return lang.L("The next wave of '{{.Name}}' is due on {{.Date}}.", map[string]any{"Name": sv.Name, "Date": fmtDay(due)})
}
