package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/verify"
)

// verifyScreen is double-entry verification of a batch of paper forms:
// pick the batch (survey, date, form number range) whose first entry is
// stored, type the same forms again blind (the first entry is never
// shown), then settle each difference against the paper. Settling writes
// the right value to the stored response, so only checked values reach the
// charts. The second entry lives in a session saved in the settings after
// every form (a crash loses at most the form on screen); it never becomes
// responses.
type verifyScreen struct {
	ui  *UI
	now func() time.Time

	surveys []data.Survey
	survey  *data.Survey

	root              fyne.CanvasObject
	intro             *widget.Label // hidden while a batch is open, to leave the form room
	surveySel         *widget.Select
	date, from, to    *keyEntry
	selected          *widget.Label
	start, compareBtn *widget.Button
	countGen          int
	selectedCount     int // first-entry forms the batch selects

	sess *verifySession
	key  string // settings key of sess
	// first is the batch's first entry as last read from the store.
	first []data.Response

	// Second entry.
	entryBox, formBox       *fyne.Container
	channel                 *widget.SelectEntry
	location, staff         *keyEntry
	form                    *paperForm
	status, progress        *widget.Label
	confirm                 string // a form number the operator chose to keep despite a warning
	compareBox, mismatchBox *fyne.Container
	summary, only, outcome  *widget.Label
	save                    *widget.Button
	back                    *widget.Button    // from the comparison to the second entry
	scroll                  *container.Scroll // holds formBox
}

func newVerifyScreen(u *UI) *verifyScreen { return &verifyScreen{ui: u, now: time.Now} }

func (v *verifyScreen) buildUI() fyne.CanvasObject {
	v.surveySel = widget.NewSelect(nil, v.onSurvey)
	v.date, v.from, v.to = newKeyEntry(), newKeyEntry(), newKeyEntry()
	v.date.SetText(v.now().Format("2006-01-02"))
	v.date.onKey = dateStepper(v.date, func() time.Time { return v.now() })
	v.from.SetPlaceHolder(lang.L("e.g. A-0001"))
	v.to.SetPlaceHolder(lang.L("e.g. A-0050"))
	for _, e := range []*keyEntry{v.date, v.from, v.to} {
		e.OnChanged = func(string) { v.onBatchChanged() }
	}
	v.date.onSubmit = func() { v.focus(v.from) }
	v.from.onSubmit = func() { v.focus(v.to) }
	v.to.onSubmit = v.onStart
	v.intro = wrapLabel(lang.L("Type the same paper forms a second time without looking at the first entry; then settle every difference against the paper."))
	v.selected = wrapLabel("")
	v.start = widget.NewButtonWithIcon(lang.L("Start second entry"), theme.DocumentCreateIcon(), v.onStart)
	v.start.Importance = widget.HighImportance
	v.start.Disable() // until the batch is counted
	v.compareBtn = widget.NewButtonWithIcon(lang.L("Compare with the first entry"), theme.ViewRefreshIcon(), v.onCompare)
	v.compareBtn.Disable()

	batch := container.NewGridWithColumns(4,
		labelled(lang.L("Survey"), v.surveySel),
		labelled(lang.L("Date on the forms"), v.date),
		labelled(lang.L("Forms from"), v.from),
		labelled(lang.L("to"), v.to),
	)
	header := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Batch to verify"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.intro,
		batch,
		container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(v.start, v.compareBtn)), v.selected),
		widget.NewSeparator(),
	)

	// Second entry.
	v.channel = widget.NewSelectEntry(data.Channels)
	v.channel.SetText("paper")
	v.location, v.staff = newKeyEntry(), newKeyEntry()
	v.location.SetPlaceHolder(lang.L("e.g. Old Town"))
	v.staff.SetPlaceHolder(lang.L("initials"))
	v.status, v.progress = wrapLabel(""), widget.NewLabel("")
	v.save = widget.NewButtonWithIcon(lang.L("Save form (Ctrl+Enter)"), theme.DocumentSaveIcon(), v.onSave)
	v.save.Importance = widget.HighImportance
	v.formBox = container.NewVBox()
	v.scroll = container.NewVScroll(v.formBox)
	// The status gets a line of its own across the whole width (a
	// word-wrapping label beside other widgets draws one letter per line).
	v.entryBox = container.NewBorder(
		container.NewVBox(
			widget.NewLabelWithStyle(lang.L("Second entry"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewGridWithColumns(3,
				labelled(lang.L("Channel"), v.channel),
				labelled(lang.L("Location"), v.location),
				labelled(lang.L("Staff"), v.staff),
			),
		),
		container.NewVBox(widget.NewSeparator(), v.status,
			container.NewBorder(nil, nil, nil, v.save, v.progress)),
		nil, nil,
		v.scroll,
	)

	// Comparison.
	v.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.only = wrapLabel("")
	v.outcome = wrapLabel("")
	v.mismatchBox = container.NewVBox()
	v.back = widget.NewButtonWithIcon(lang.L("Type more forms"), theme.NavigateBackIcon(), v.showEntry)
	v.compareBox = container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, v.back, v.summary), v.only, v.outcome, widget.NewSeparator()),
		nil, nil, nil,
		container.NewVScroll(v.mismatchBox),
	)
	v.entryBox.Hide()
	v.compareBox.Hide()
	v.root = container.NewBorder(header, nil, nil, nil, container.NewStack(v.entryBox, v.compareBox))
	return v.root
}

// reload re-reads the surveys, and drops the sessions no longer needed.
func (v *verifyScreen) reload() {
	v.pruneSessions()
	var names []string
	var err error
	if v.surveys, names, err = v.ui.activeSurveys(); err != nil {
		v.ui.showError(err)
		return
	}
	v.surveySel.SetOptions(names)
	switch i := v.surveySel.SelectedIndex(); {
	case i >= 0 && i < len(v.surveys):
		v.survey = &v.surveys[i]
	case len(names) > 0:
		v.surveySel.SetSelectedIndex(0) // calls onSurvey
	default:
		v.survey = nil
		v.surveySel.ClearSelected()
		v.onBatchChanged() // says what to do first
	}
}

// countsChanged recounts the batch's first-entry forms after responses
// changed elsewhere, unless a second entry is open.
func (v *verifyScreen) countsChanged() {
	if v.sess == nil && v.survey != nil {
		v.onBatchChanged()
	}
}

func (v *verifyScreen) onSurvey(string) {
	i := v.surveySel.SelectedIndex()
	if i < 0 || i >= len(v.surveys) {
		return
	}
	v.survey = &v.surveys[i]
	v.onBatchChanged()
}

func (v *verifyScreen) focus(f fyne.Focusable) {
	if c := v.ui.win.Canvas(); c != nil {
		c.Focus(f)
	}
	revealIn(v.ui.app.Driver(), v.scroll, f)
}

// batchDay parses the batch's date.
func (v *verifyScreen) batchDay() (time.Time, error) {
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v.date.Text), time.Local)
	if err != nil {
		return time.Time{}, errors.New(lang.L("The date must look like 2025-09-01"))
	}
	return day, nil
}

// onBatchChanged closes the open session and counts the first-entry forms
// the batch now selects.
func (v *verifyScreen) onBatchChanged() {
	if v.sess != nil {
		v.closeSession()
	}
	v.countGen++
	gen := v.countGen
	if v.survey == nil {
		v.selected.SetText(lang.L("Nothing to verify yet: create a survey and type a batch of numbered paper forms in Enter forms; then type the same forms here a second time."))
		v.start.Disable()
		return
	}
	day, err := v.batchDay()
	if err != nil {
		v.selected.SetText(errorText(err))
		v.start.Disable()
		return
	}
	sid, from, to := v.survey.ID, strings.TrimSpace(v.from.Text), strings.TrimSpace(v.to.Text)
	key := verifyKey(sid, day.Format("2006-01-02"), from, to)
	var (
		first   []data.Response
		saved   *verifySession
		readErr error
	)
	v.ui.background(func() {
		if first, readErr = v.readFirst(sid, day, from, to); readErr == nil {
			saved, readErr = verify.LoadSession(v.ui.st, key)
		}
	}, func() {
		if gen != v.countGen {
			return // the batch changed again meanwhile
		}
		if readErr != nil {
			v.selected.SetText(readErr.Error())
			v.start.Disable()
			return
		}
		v.selectedCount = len(first)
		text := lang.N("{{.Count}} first-entry form selected", len(first), map[string]any{"Count": len(first)})
		switch {
		case saved != nil && saved.Done:
			text += " · " + lang.L("verified: every difference is settled")
			v.start.SetText(lang.L("Open the verification"))
		case saved != nil:
			text += " · " + lang.N("{{.Count}} form already typed in the second entry", len(saved.Forms), map[string]any{"Count": len(saved.Forms)})
			v.start.SetText(lang.L("Continue second entry"))
		case len(first) == 0:
			text = lang.L("No numbered first-entry forms on {{.Date}} in this range. Type the batch in Enter forms first (with form numbers), or set the date and the numbers written on the forms.", map[string]any{"Date": day.Format("2006-01-02")})
			v.start.SetText(lang.L("Start second entry"))
		default:
			v.start.SetText(lang.L("Start second entry"))
		}
		v.selected.SetText(text)
		if len(first) == 0 && saved == nil {
			v.start.Disable()
		} else {
			v.start.Enable()
		}
	})
}

// buildForm lays out the second-entry form of the survey.
func (v *verifyScreen) buildForm() {
	v.form = newPaperForm(v.survey, v.focus, v.onSave, v.onShortcut)
	v.form.onAnswered = func(*answerField) { setStatus(v.status, widget.MediumImportance, "") }
	v.formBox.Objects = v.form.rows
	v.formBox.Refresh()
}

// showEntry shows the second entry with the next form number filled in.
func (v *verifyScreen) showEntry() {
	v.intro.Hide()
	v.compareBox.Hide()
	v.entryBox.Show()
	next := v.sess.From
	if n := len(v.sess.Forms); n > 0 {
		next = nextFormNumber(v.sess.Forms[n-1].FormNumber)
	}
	if rep := v.sess.Report; rep != nil && len(rep.OnlyInFirst) > 0 {
		next = rep.OnlyInFirst[0] // back from the comparison to type a form left out
	}
	v.form.clear(next)
	setStatus(v.status, widget.MediumImportance, "")
	v.updateProgress()
	v.form.focusFirst()
}

func (v *verifyScreen) updateProgress() {
	n := len(v.sess.Forms)
	v.progress.SetText(lang.N("{{.Count}} form typed in the second entry", n, map[string]any{"Count": n}))
}

func (v *verifyScreen) onShortcut(s fyne.Shortcut) {
	switch {
	case isCtrl(s, fyne.KeyReturn) || isCtrl(s, fyne.KeyEnter):
		v.onSave()
	case isUndo(s):
		v.onUndo()
	}
}

// onSave keeps the form on screen in the session (never as a response)
// and starts a blank one.
func (v *verifyScreen) onSave() {
	if v.sess == nil || v.form == nil {
		return
	}
	day, err := time.ParseInLocation("2006-01-02", v.sess.Date, time.Local)
	if err != nil {
		setStatus(v.status, widget.DangerImportance, errorText(err))
		return
	}
	r := v.form.response(v.survey.ID)
	r.CollectedAt = time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.Local)
	r.Source = data.SourceManual
	r.Channel = strings.TrimSpace(v.channel.Text)
	tags := map[string]string{}
	if s := strings.TrimSpace(v.location.Text); s != "" {
		tags[data.TagLocation] = s
	}
	if s := strings.TrimSpace(v.staff.Text); s != "" {
		tags[data.TagStaff] = s
	}
	if len(tags) > 0 {
		r.Tags = tags
	}
	if r.FormNumber == "" {
		setStatus(v.status, widget.DangerImportance, lang.L("Type the form number: the two entries are matched by it."))
		v.focus(v.form.formNo)
		return
	}
	if err := r.Validate(v.survey); err != nil {
		v.form.showMissing(err)
		setStatus(v.status, widget.DangerImportance, errorText(err))
		return
	}
	if t, msg := v.form.strayKey(); t != nil {
		setStatus(v.status, widget.WarningImportance, msg)
		v.focus(t)
		return
	}
	if r.FormNumber != v.confirm {
		warn := ""
		if !verify.InRange(r.FormNumber, v.sess.From, v.sess.To) {
			warn = lang.L("Form {{.No}} is outside this batch. Check the sheet; press Ctrl+Enter again to keep it anyway.", map[string]any{"No": r.FormNumber})
		}
		for _, f := range v.sess.Forms {
			if strings.EqualFold(f.FormNumber, r.FormNumber) {
				warn = lang.L("Form {{.No}} was already typed in this second entry. Check the sheet; press Ctrl+Enter again to keep it anyway.", map[string]any{"No": r.FormNumber})
			}
		}
		if warn != "" {
			v.confirm = r.FormNumber
			setStatus(v.status, widget.WarningImportance, warn)
			v.focus(v.form.formNo)
			return
		}
	}
	v.sess.Forms = append(v.sess.Forms, r)
	v.sess.Done = false
	if err := v.saveSession(); err != nil {
		v.sess.Forms = v.sess.Forms[:len(v.sess.Forms)-1]
		setStatus(v.status, widget.DangerImportance, lang.L("Not saved: {{.Err}}. The form is still here; press Ctrl+Enter to try again.", map[string]any{"Err": errorText(err)}))
		return
	}
	v.confirm = ""
	setStatus(v.status, widget.SuccessImportance, lang.L("Form {{.No}} kept for the comparison.", map[string]any{"No": r.FormNumber}))
	v.form.clear(nextFormNumber(r.FormNumber))
	v.updateProgress()
	v.form.focusFirst()
}

// onUndo takes the last second-entry form back onto the screen.
func (v *verifyScreen) onUndo() {
	if v.sess == nil || len(v.sess.Forms) == 0 {
		return
	}
	n := len(v.sess.Forms)
	r := v.sess.Forms[n-1]
	v.sess.Forms = v.sess.Forms[:n-1]
	if err := v.saveSession(); err != nil {
		v.sess.Forms = append(v.sess.Forms, r)
		setStatus(v.status, widget.DangerImportance, errorText(err))
		return
	}
	v.form.fill(&r)
	setStatus(v.status, widget.MediumImportance, lang.L("Form taken back: correct it and save again."))
	v.updateProgress()
	v.form.focusFirst()
}
