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
)

// entry is the fast paper-entry screen: a batch header that carries over
// between forms (date, channel, location, staff), then one field per
// question. Digits answer and move on; Enter on the last field or
// Ctrl+Enter anywhere saves and starts a blank form; Ctrl+Z takes the last
// saved form back. No dialog interrupts the normal flow.
type entry struct {
	ui  *UI
	now func() time.Time

	surveys []data.Survey
	survey  *data.Survey

	surveySel                 *widget.Select
	date                      *keyEntry
	channel                   *widget.SelectEntry
	location, staff           *keyEntry
	form                      *paperForm // the form number, the questions and the comment
	formBox                   *fyne.Container
	status, counter, lastLine *widget.Label
	undo, save                *widget.Button
	scroll                    *container.Scroll // holds formBox
	empty                     fyne.CanvasObject // shown instead of the form when there is no survey
	root                      fyne.CanvasObject

	batchStart time.Time
	batchCount int
	lastSaved  *data.Response
	dupOK      string // a duplicate form number the operator chose to save anyway
}

func newEntry(u *UI) *entry { return &entry{ui: u, now: time.Now} }

func (e *entry) buildUI() fyne.CanvasObject {
	e.surveySel = widget.NewSelect(nil, e.onSurvey)
	e.date = newKeyEntry()
	e.date.SetText(e.now().Format("2006-01-02"))
	e.date.onKey = e.onDateKey
	e.channel = widget.NewSelectEntry(data.Channels)
	e.channel.SetText("paper")
	e.location, e.staff = newKeyEntry(), newKeyEntry()
	e.location.SetPlaceHolder(lang.L("e.g. Old Town"))
	e.staff.SetPlaceHolder(lang.L("initials"))

	e.status = wrapLabel("")
	e.counter = widget.NewLabel("")
	e.lastLine = wrapLabel(lang.L("Type the answers of the first paper form: one key per answer, the cursor moves on by itself; Ctrl+Enter saves the form."))
	e.undo = widget.NewButtonWithIcon(lang.L("Undo last form (Ctrl+Z)"), theme.ContentUndoIcon(), e.onUndo)
	e.undo.Disable()
	e.save = widget.NewButtonWithIcon(lang.L("Save form (Ctrl+Enter)"), theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance

	batch := container.NewGridWithColumns(3,
		labelled(lang.L("Survey"), e.surveySel),
		labelled(lang.L("Date on the forms"), e.date),
		labelled(lang.L("Channel"), e.channel),
		labelled(lang.L("Location"), e.location),
		labelled(lang.L("Staff"), e.staff),
		wrapLabel(lang.L("↑/↓ in the date change the day")),
	)
	e.formBox = container.NewVBox()
	e.scroll = container.NewVScroll(e.formBox)
	e.empty = entryEmptyState(
		lang.L("There is no survey to type paper forms for yet."),
		lang.L("Create a survey first (a template is the quickest start), print its numbered forms, then type the filled-in forms here: one key per answer."),
		widget.NewButtonWithIcon(lang.L("Create a survey…"), theme.ContentAddIcon(), e.onCreateSurvey),
	)
	e.empty.Hide()
	// The status gets a line of its own across the whole width: in a
	// row beside other widgets a word-wrapping label is given no width
	// and draws one letter per line, pushing Save off the screen.
	footer := container.NewVBox(
		widget.NewSeparator(),
		e.status,
		container.New(&besideOrAbove{}, e.lastLine, container.NewHBox(e.counter, e.undo, e.save)),
	)
	e.root = container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle(lang.L("Batch"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), batch, widget.NewSeparator()),
		footer, nil, nil,
		container.NewStack(e.scroll, e.empty),
	)
	return e.root
}

// onCreateSurvey leads from the empty screen to a new survey.
func (e *entry) onCreateSurvey() {
	for _, t := range e.ui.tabs.Items {
		if t.Text == lang.L("Surveys") {
			e.ui.tabs.Select(t)
		}
	}
	e.ui.surveys.onNewFromTemplate()
}

// setStatus shows msg under the form: an error (red), a warning that a
// second Ctrl+Enter overrides (amber) or news (plain); "" clears it.
func setStatus(l *widget.Label, imp widget.Importance, msg string) {
	l.Importance = imp
	l.SetText(msg)
}

// reload re-reads the surveys.
func (e *entry) reload() {
	var names []string
	var err error
	if e.surveys, names, err = e.ui.activeSurveys(); err != nil {
		e.ui.showError(err)
		return
	}
	// Keep the survey being entered, found by ID (the list may have moved).
	var prev data.Survey
	if e.survey != nil {
		prev = *e.survey
	}
	e.survey = nil
	e.surveySel.SetOptions(names)
	for i := range e.surveys {
		if e.surveys[i].ID == prev.ID {
			e.surveySel.Selected = names[i] // no callback: the batch goes on
			e.surveySel.Refresh()
			e.survey = &e.surveys[i]
			if e.survey.Version != prev.Version || !e.survey.Updated.Equal(prev.Updated) {
				e.buildForm() // the questions changed: never type into a stale form
			}
			return
		}
	}
	e.surveySel.ClearSelected()
	e.showEmpty(len(names) == 0)
	if len(names) > 0 {
		e.surveySel.SetSelectedIndex(0)
	}
}

// showEmpty shows what to do first in place of the form when there is no
// survey to type into.
func (e *entry) showEmpty(empty bool) {
	if empty {
		e.form = nil
		e.formBox.Objects = nil
		e.scroll.Hide()
		e.empty.Show()
		e.save.Disable()
		e.lastLine.Hide()
		return
	}
	e.empty.Hide()
	e.scroll.Show()
	e.save.Enable()
	e.lastLine.Show()
}

// containerHolds reports whether o is root or lies in its containers.
func containerHolds(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	if c, ok := root.(*fyne.Container); ok {
		for _, child := range c.Objects {
			if containerHolds(child, o) {
				return true
			}
		}
	}
	return false
}

// besideOrAbove lays out a text (the first object) to the left of a row
// of buttons (the second) while the text keeps at least textShare of the
// width, and above them when it would not (long button labels in some
// languages on a small screen squeezed the text into a narrow column many
// lines tall).
type besideOrAbove struct {
	width float32 // of the last layout: a wrapping text's height depends on it
}

// textShare is the least part of the width the text keeps beside the buttons.
const textShare = 0.4

func (l *besideOrAbove) beside(width float32, buttons fyne.CanvasObject) bool {
	return width-buttons.MinSize().Width-theme.Padding() >= textShare*width
}

// Layout implements fyne.Layout.
func (l *besideOrAbove) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	l.width = size.Width
	text, buttons := objs[0], objs[1]
	b := buttons.MinSize()
	if l.beside(size.Width, buttons) {
		text.Resize(fyne.NewSize(size.Width-b.Width-theme.Padding(), size.Height))
		text.Move(fyne.NewPos(0, 0))
		buttons.Resize(b)
		buttons.Move(fyne.NewPos(size.Width-b.Width, (size.Height-b.Height)/2))
		return
	}
	text.Resize(fyne.NewSize(size.Width, size.Height-b.Height-theme.Padding()))
	text.Move(fyne.NewPos(0, 0))
	buttons.Resize(b)
	buttons.Move(fyne.NewPos(size.Width-b.Width, size.Height-b.Height))
}

// MinSize implements fyne.Layout.
func (l *besideOrAbove) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	t, b := objs[0].MinSize(), objs[1].MinSize()
	if l.width == 0 || l.beside(l.width, objs[1]) {
		return fyne.NewSize(b.Width+theme.Padding()+t.Width, max(t.Height, b.Height))
	}
	return fyne.NewSize(max(t.Width, b.Width), t.Height+theme.Padding()+b.Height)
}

// entryEmptyState is what a paper-entry screen shows when it has nothing
// to work on: what is missing, what to do first, and a button to do it.
func entryEmptyState(title, advice string, do ...fyne.CanvasObject) *fyne.Container {
	return container.NewVBox(
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapLabel(advice),
		container.NewHBox(do...),
	)
}

func (e *entry) onSurvey(string) {
	i := e.surveySel.SelectedIndex()
	if i < 0 || i >= len(e.surveys) {
		return
	}
	e.survey = &e.surveys[i]
	e.buildForm()
	e.batchCount, e.lastSaved = 0, nil
	e.undo.Disable()
	e.updateCounter()
}

// buildForm lays out one row per question of the survey.
func (e *entry) buildForm() {
	e.form = newPaperForm(e.survey, e.focus, e.onSave, e.onShortcut)
	e.form.addContactFields(e.survey, e.onSave, e.onShortcut) // entry_contact.go
	e.form.onAnswered = func(*answerField) { setStatus(e.status, widget.MediumImportance, "") }
	e.formBox.Objects = e.form.rows
	e.formBox.Refresh()
}

// onShown puts the cursor on the first question when the screen opens.
func (e *entry) onShown() {
	if e.form != nil {
		e.form.focusFirst()
	}
}

// focus puts the cursor on f and scrolls the form to show it.
func (e *entry) focus(f fyne.Focusable) {
	if c := e.ui.win.Canvas(); c != nil {
		c.Focus(f)
	}
	revealIn(e.ui.app.Driver(), e.scroll, f)
}

// revealIn scrolls s so that o, with the line of its question above it,
// is in view (on a small screen the cursor must never move out of sight).
func revealIn(d fyne.Driver, s *container.Scroll, f fyne.Focusable) {
	o, ok := f.(fyne.CanvasObject)
	if s == nil || !ok || !s.Visible() || s.Size().Height <= 0 || !containerHolds(s.Content, o) {
		return
	}
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	above := 2*theme.TextSize() + 2*theme.Padding() // the question's title
	top, bottom := y-above, y+o.Size().Height+theme.Padding()
	off := s.Offset.Y
	switch {
	case top < off:
		off = top
		if off < 2*above {
			off = 0 // near the top: show the form number too
		}
	case bottom > off+s.Size().Height:
		off = bottom - s.Size().Height
	default:
		return
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(off, 0)))
}

func (e *entry) onShortcut(s fyne.Shortcut) {
	switch {
	case isCtrl(s, fyne.KeyReturn) || isCtrl(s, fyne.KeyEnter):
		e.onSave()
	case isUndo(s):
		e.onUndo()
	}
}

func (e *entry) onDateKey(ev *fyne.KeyEvent) bool {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(e.date.Text), time.Local)
	if err != nil {
		t = e.now()
	}
	switch ev.Name {
	case fyne.KeyUp:
		t = t.AddDate(0, 0, 1)
	case fyne.KeyDown:
		t = t.AddDate(0, 0, -1)
	default:
		return false
	}
	e.date.SetText(t.Format("2006-01-02"))
	return true
}

// response builds the response on screen.
func (e *entry) response() (data.Response, error) {
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(e.date.Text), time.Local)
	if err != nil {
		return data.Response{}, errors.New(lang.L("The date must look like 2025-09-01"))
	}
	r := e.form.response(e.survey.ID)
	r.CollectedAt = time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.Local)
	r.Source = data.SourceManual
	r.Channel = strings.TrimSpace(e.channel.Text)
	tags := map[string]string{}
	if v := strings.TrimSpace(e.location.Text); v != "" {
		tags[data.TagLocation] = v
	}
	if v := strings.TrimSpace(e.staff.Text); v != "" {
		tags[data.TagStaff] = v
	}
	if len(tags) > 0 {
		r.Tags = tags
	}
	return r, nil
}

// onSave validates and stores the form, then starts a blank one.
func (e *entry) onSave() {
	if e.survey == nil || e.form == nil {
		return
	}
	r, err := e.response()
	if err != nil {
		setStatus(e.status, widget.DangerImportance, errorText(err))
		e.focus(e.date)
		return
	}
	if err := r.Validate(e.survey); err != nil {
		e.form.showMissing(err)
		setStatus(e.status, widget.DangerImportance, errorText(err))
		return
	}
	if t, msg := e.form.strayKey(); t != nil {
		setStatus(e.status, widget.WarningImportance, msg)
		e.focus(t)
		return
	}
	if r.FormNumber != "" && r.FormNumber != e.dupOK {
		dup, err := e.ui.st.FormNumberExists(e.survey.ID, r.FormNumber)
		if err != nil {
			setStatus(e.status, widget.DangerImportance, errorText(err))
			return
		}
		if dup {
			e.dupOK = r.FormNumber
			setStatus(e.status, widget.WarningImportance, lang.L("Form {{.No}} was already entered for this survey. Check the sheet; press Ctrl+Enter again to save it anyway.", map[string]any{"No": r.FormNumber}))
			e.focus(e.form.formNo)
			return
		}
	}
	if err := e.ui.st.AddResponseWithContact(&r, e.form.contactValue()); err != nil { // contact stored apart (entry_contact.go)
		// The form stays on screen; saving again retries.
		setStatus(e.status, widget.DangerImportance, lang.L("Not saved: {{.Err}}. The form is still here; press Ctrl+Enter to try again.", map[string]any{"Err": errorText(err)}))
		return
	}
	e.dupOK = ""
	if e.batchCount == 0 {
		e.batchStart = e.now()
	}
	e.batchCount++
	e.lastSaved = &r
	e.undo.Enable()
	e.lastLine.SetText(e.describe(r))
	setStatus(e.status, widget.MediumImportance, "")
	e.clearForm()
	e.updateCounter()
	e.ui.dataChanged()
}

// describe is the "last saved" line.
func (e *entry) describe(r data.Response) string {
	var parts []string
	for _, q := range e.survey.Questions {
		if v, ok := r.Answers[q.ID]; ok {
			parts = append(parts, describeAnswer(q, v))
		} else if q.Numeric() {
			parts = append(parts, "–")
		}
	}
	no := r.FormNumber
	if no == "" {
		no = lang.L("without number")
	}
	return lang.L("Saved form {{.No}}: {{.Answers}}", map[string]any{"No": no, "Answers": strings.Join(parts, ", ")})
}

// clearForm empties the per-form fields (the batch header stays), fills in
// the next sheet's number and puts the cursor on the first question;
// Shift+Tab reaches the number.
func (e *entry) clearForm() {
	e.form.clear(nextFormNumber(e.form.formNo.Text))
	e.form.focusFirst()
}

// nextFormNumber guesses the next sheet's number: "A-0012" → "A-0013";
// a number without digits gives "".
func nextFormNumber(s string) string {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == len(s) {
		return ""
	}
	digits := []byte(s[i:])
	for j := len(digits) - 1; j >= 0; j-- {
		if digits[j] < '9' {
			digits[j]++
			return s[:i] + string(digits)
		}
		digits[j] = '0'
	}
	return s[:i] + "1" + string(digits)
}

// onUndo deletes the last saved form and puts it back on screen.
func (e *entry) onUndo() {
	if e.lastSaved == nil || e.form == nil {
		return
	}
	r := *e.lastSaved
	if err := e.ui.st.DeleteResponses(r.SurveyID, []data.ResponseID{r.ID}); err != nil {
		setStatus(e.status, widget.DangerImportance, errorText(err))
		return
	}
	e.lastSaved = nil
	e.batchCount--
	e.undo.Disable()
	e.form.fill(&r)
	e.form.takeBackContact(e.ui.st, r) // entry_contact.go
	e.date.SetText(r.CollectedAt.Format("2006-01-02"))
	e.channel.SetText(r.Channel)
	e.location.SetText(r.Tags[data.TagLocation])
	e.staff.SetText(r.Tags[data.TagStaff])
	e.lastLine.SetText(lang.L("Form taken back: correct it and save again."))
	e.updateCounter()
	e.ui.dataChanged()
	e.form.focusFirst()
}

func (e *entry) updateCounter() {
	if e.batchCount == 0 {
		e.counter.SetText(lang.L("No forms in this batch yet"))
		return
	}
	text := lang.N("{{.Count}} form in this batch", e.batchCount, map[string]any{"Count": e.batchCount})
	if h := e.now().Sub(e.batchStart).Hours(); h > 1.0/60 && e.batchCount > 1 {
		text += " · " + lang.L("{{.Rate}} per hour", map[string]any{"Rate": fmtNumber(float64(e.batchCount)/h, 0)})
	}
	e.counter.SetText(text)
}
